package dev.falcoc.runtime.state;

import dev.falcoc.runtime.scap.FdEntry;

/** One open file descriptor as libsinsp keeps it ({@code type} is the scap_fd_type number). */
public final class FdInfo {
    public static final int FLAG_ROLE_CLIENT = 1, FLAG_ROLE_SERVER = 2, FLAG_SOCKET_CONNECTED = 4, FLAG_IS_CLONED = 8,
            FLAG_CLOSE_ON_EXEC = 16;
    public static final int L4_UNKNOWN = 0, L4_NA = 1, L4_TCP = 2, L4_UDP = 3, L4_ICMP = 4, L4_RAW = 5;

    public long fd;
    public int type;
    public String name = "";
    public String nameRaw = "";
    public String oldName = "";
    public long openFlags;
    public long dev, ino, mountId;
    public int flags;
    /** Socket endpoints: 4 or 16 bytes; server sockets use sip/sport only. */
    public byte[] sip, dip;
    public int sport, dport, l4proto = L4_NA;
    public long unixSource, unixDest;
    public long pidfdPid;
    /** The fields' copy of {@code name} without control characters, and the name it was made from. */
    public String saneName, saneOf;

    public FdInfo copy() {
        FdInfo f = new FdInfo();
        f.fd = fd; f.type = type; f.name = name; f.nameRaw = nameRaw; f.oldName = oldName; f.openFlags = openFlags;
        f.dev = dev; f.ino = ino; f.mountId = mountId; f.flags = flags; f.sip = sip; f.dip = dip; f.sport = sport;
        f.dport = dport; f.l4proto = l4proto; f.unixSource = unixSource; f.unixDest = unixDest; f.pidfdPid = pidfdPid;
        return f;
    }

    public boolean isSocket() {
        return type == FdEntry.IPV4_SOCK || type == FdEntry.IPV6_SOCK || type == FdEntry.IPV4_SERVSOCK
                || type == FdEntry.IPV6_SERVSOCK || type == FdEntry.UNIX_SOCK || type == FdEntry.NETLINK;
    }

    public boolean isIpSocket() {
        return type == FdEntry.IPV4_SOCK || type == FdEntry.IPV6_SOCK || type == FdEntry.IPV4_SERVSOCK || type == FdEntry.IPV6_SERVSOCK;
    }

    public boolean isRoleServer() { return (flags & FLAG_ROLE_SERVER) != 0; }
    public boolean isRoleNone() { return (flags & (FLAG_ROLE_SERVER | FLAG_ROLE_CLIENT)) == 0; }

    /** libsinsp get_l4proto: connected-socket protocols are only known once the role is. */
    public int effectiveL4() {
        if (type == FdEntry.IPV4_SOCK || type == FdEntry.IPV6_SOCK) {
            if (l4proto == L4_RAW) return L4_RAW;
            if (isRoleNone()) return L4_NA;
            return l4proto;
        }
        if (type == FdEntry.IPV4_SERVSOCK || type == FdEntry.IPV6_SERVSOCK) return l4proto;
        return L4_NA;
    }
    public boolean isRoleClient() { return (flags & FLAG_ROLE_CLIENT) != 0; }

    public char typeChar() {
        return switch (type) {
            case FdEntry.FILE, FdEntry.FILE_V2 -> 'f';
            case FdEntry.IPV4_SOCK, FdEntry.IPV4_SERVSOCK -> '4';
            case FdEntry.IPV6_SOCK, FdEntry.IPV6_SERVSOCK -> '6';
            case FdEntry.DIRECTORY -> 'd';
            case FdEntry.FIFO -> 'p';
            case FdEntry.UNIX_SOCK -> 'u';
            case FdEntry.EVENT -> 'e';
            case FdEntry.UNKNOWN -> 'o';
            case FdEntry.UNSUPPORTED -> 'X';
            case FdEntry.SIGNALFD -> 's';
            case FdEntry.EVENTPOLL -> 'l';
            case FdEntry.INOTIFY -> 'i';
            case FdEntry.TIMERFD -> 't';
            case FdEntry.NETLINK -> 'n';
            case FdEntry.BPF -> 'b';
            case FdEntry.USERFAULTFD -> 'u';
            case FdEntry.IOURING -> 'r';
            case FdEntry.MEMFD -> 'm';
            case FdEntry.PIDFD -> 'P';
            default -> '?';
        };
    }

    public String typeName() {
        return switch (type) {
            case FdEntry.FILE, FdEntry.FILE_V2 -> "file";
            case FdEntry.DIRECTORY -> "directory";
            case FdEntry.IPV4_SOCK, FdEntry.IPV4_SERVSOCK -> "ipv4";
            case FdEntry.IPV6_SOCK, FdEntry.IPV6_SERVSOCK -> "ipv6";
            case FdEntry.UNIX_SOCK -> "unix";
            case FdEntry.FIFO -> "pipe";
            case FdEntry.EVENT -> "event";
            case FdEntry.SIGNALFD -> "signalfd";
            case FdEntry.EVENTPOLL -> "eventpoll";
            case FdEntry.INOTIFY -> "inotify";
            case FdEntry.TIMERFD -> "timerfd";
            case FdEntry.NETLINK -> "netlink";
            case FdEntry.BPF -> "bpf";
            case FdEntry.USERFAULTFD -> "userfaultfd";
            case FdEntry.IOURING -> "io_uring";
            case FdEntry.MEMFD -> "memfd";
            case FdEntry.PIDFD -> "pidfd";
            default -> "<NA>";
        };
    }
}

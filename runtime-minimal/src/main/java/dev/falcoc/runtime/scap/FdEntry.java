package dev.falcoc.runtime.scap;

/** One fd of a capture's fd list block; {@code type} is libscap's scap_fd_type number. */
public final class FdEntry {
    public static final int UNKNOWN = 0, FILE = 1, DIRECTORY = 2, IPV4_SOCK = 3, IPV6_SOCK = 4, IPV4_SERVSOCK = 5,
            IPV6_SERVSOCK = 6, FIFO = 7, UNIX_SOCK = 8, EVENT = 9, UNSUPPORTED = 10, SIGNALFD = 11, EVENTPOLL = 12,
            INOTIFY = 13, TIMERFD = 14, NETLINK = 15, FILE_V2 = 16, BPF = 17, USERFAULTFD = 18, IOURING = 19,
            MEMFD = 20, PIDFD = 21;

    public long fd, ino;
    public int type;
    /** IPs: 4 or 16 bytes; for server sockets only {@code sip}/{@code sport}. */
    public byte[] sip, dip;
    public int sport, dport, l4proto;
    public long unixSource, unixDest;
    public long openFlags, dev;
    public String name = "";
}

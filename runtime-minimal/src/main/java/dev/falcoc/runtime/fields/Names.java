package dev.falcoc.runtime.fields;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Fixed name tables: errno, capabilities, event categories, ppm_sc syscall names. */
final class Names {
    private Names() {}

    static final String[] ERRNO = {
            "", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD", "EAGAIN",
            "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL",
            "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM",
            "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP", "", "ENOMSG", "EIDRM", "ECHRNG",
            "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG", "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO",
            "EBADRQC", "EBADSLT", "", "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE",
            "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ",
            "EBADFD", "EREMCHG", "ELIBACC", "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE",
            "EUSERS", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT",
            "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN",
            "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN",
            "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE",
            "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED",
            "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON"};

    static String errno(long e) {
        if (e == 512) return "ERESTARTSYS";
        if (e == 513) return "ERESTARTNOINTR";
        if (e == 514) return "ERESTARTNOHAND";
        if (e == 515) return "ENOIOCTLCMD";
        if (e == 516) return "ERESTART_RESTARTBLOCK";
        if (e > 0 && e < ERRNO.length && !ERRNO[(int) e].isEmpty()) return ERRNO[(int) e];
        return "E" + e;
    }

    static final String[] CAPS = {"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"};

    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
            "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
            "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    static String signal(int s) { return s > 0 && s < SIGNALS.length ? SIGNALS[s] : null; }

    /** C's %lg: six significant digits, trailing zeros dropped, exponent form outside [1e-4, 1e6). */
    static String cG(double v) {
        if (v == 0) return "0";
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        int exp = (int) Math.floor(Math.log10(Math.abs(v)));
        java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(6));
        exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            java.math.BigDecimal m = bd.movePointLeft(exp).stripTrailingZeros();
            String ms = m.toPlainString();
            return ms + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        String s = bd.stripTrailingZeros().toPlainString();
        return s;
    }

    static String caps(long v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < CAPS.length; i++) {
            if ((v & (1L << i)) != 0) {
                if (!b.isEmpty()) b.append(' ');
                b.append(CAPS[i]);
            }
        }
        return b.toString();
    }

    static String category(int cat) {
        return switch (cat & 0x1ff & ~0x0) {
            case 0 -> "unknown";
            case 1 -> "other";
            case 2 -> "file";
            case 3 -> "net";
            case 4 -> "IPC";
            case 5 -> "memory";
            case 6 -> "process";
            case 7 -> "sleep";
            case 8 -> "system";
            case 9 -> "signal";
            case 10 -> "user";
            case 11 -> "time";
            case 12 -> "processing";
            case 32 -> "IO_read";
            case 33 -> "IO_write";
            case 34 -> "IO_other";
            case 64 -> "wait";
            case 128 -> "scheduler";
            case 256 -> "internal";
            default -> "unknown";
        };
    }

    private static volatile String[] sc, nat;

    /** x86_64 native syscall number → name (the nativeID of generic events). */
    static String nativeName(int nr) {
        String[] t = nat;
        if (t == null) {
            t = load("/dev/falcoc/runtime/native-x86_64.tsv");
            nat = t;
        }
        return nr >= 0 && nr < t.length ? t[nr] : null;
    }

    private static String[] load(String res) {
        String[] t = new String[512];
        try (InputStream in = Names.class.getResourceAsStream(res)) {
            if (in != null) {
                BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String l; (l = br.readLine()) != null; ) {
                    if (l.startsWith("#") || l.isEmpty()) continue;
                    String[] r = l.split("\t");
                    int c = Integer.parseInt(r[0]);
                    if (c >= 0 && c < t.length) t[c] = r[1];
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // names stay unknown
        }
        return t;
    }

    /** ppm_sc code → syscall name (generic events carry the ppm_sc code). */
    static String syscallName(int code) {
        String[] t = sc;
        if (t == null) {
            t = new String[512];
            try (InputStream in = Names.class.getResourceAsStream("/dev/falcoc/runtime/ppm_sc.tsv")) {
                if (in != null) {
                    BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    for (String l; (l = br.readLine()) != null; ) {
                        if (l.startsWith("#") || l.isEmpty()) continue;
                        String[] r = l.split("\t");
                        int c = Integer.parseInt(r[0]);
                        if (c >= 0 && c < t.length) t[c] = r[1];
                    }
                }
            } catch (IOException ignored) {
                // names stay unknown
            }
            sc = t;
        }
        return code >= 0 && code < t.length && t[code] != null ? t[code] : "<unknown>";
    }
}

package dev.falcoc.compiler.check;

import dev.falcoc.compiler.schema.FieldType;
import java.util.Map;

/** Parses right-hand constants per field type, failing with Falco's messages. */
public final class ValueParser {
    private ValueParser() {}

    /** Well-known service names for port fields (Falco resolves them with getservbyname). */
    public static final Map<String, Integer> SERVICES = Map.ofEntries(
            Map.entry("ftp", 21), Map.entry("ssh", 22), Map.entry("telnet", 23), Map.entry("smtp", 25),
            Map.entry("domain", 53), Map.entry("http", 80), Map.entry("pop3", 110), Map.entry("ntp", 123),
            Map.entry("imap", 143), Map.entry("snmp", 161), Map.entry("ldap", 389), Map.entry("https", 443),
            Map.entry("imaps", 993), Map.entry("pop3s", 995), Map.entry("mysql", 3306), Map.entry("postgresql", 5432),
            Map.entry("kerberos", 88), Map.entry("ftp-data", 20), Map.entry("tftp", 69), Map.entry("ldaps", 636),
            Map.entry("rsync", 873), Map.entry("bgp", 179), Map.entry("syslog", 514), Map.entry("submission", 587));

    /** Checks that a value parses for the type; throws with Falco's message otherwise. */
    public static void check(String v, FieldType type) throws CheckException.Message {
        switch (type) {
            case INT8, INT16, INT32, INT64, FD, FD32, ERRNO, PID, PID32, UINT8, UINT16, UINT32, UINT64,
                 FLAGS8, FLAGS16, FLAGS32, ENUMFLAGS8, ENUMFLAGS16, ENUMFLAGS32, MODE, UID, GID, L4PROTO,
                 RELTIME, ABSTIME, DOUBLE, SYSCALLID, SIGTYPE -> integer(v);
            case PORT -> {
                boolean digits = true;
                for (int i = 0; i < v.length() && digits; i++) digits = Character.isDigit(v.charAt(i));
                if (digits) return;
                if (!SERVICES.containsKey(v)) throw new CheckException.Message("unrecognized protocol " + v);
            }
            case BOOL -> {
                if (!v.equals("true") && !v.equals("false")) throw new CheckException.Message("filter error: unrecognized boolean value " + v);
            }
            case IPADDR -> check(v, v.indexOf('.') >= 0 ? FieldType.IPV4ADDR : FieldType.IPV6ADDR);
            case IPV4ADDR -> { if (Ip.parseV4(v) == null) throw new CheckException.Message("unrecognized IPv4 address " + v); }
            case IPV6ADDR -> { if (Ip.parseV6(v) == null) throw new CheckException.Message("unrecognized IPv6 address " + v); }
            case IPNET -> check(v, v.indexOf('.') >= 0 ? FieldType.IPV4NET : FieldType.IPV6NET);
            case IPV4NET -> {
                int slash = v.indexOf('/');
                if (slash < 0) throw new CheckException.Message("unrecognized IP network " + v);
                if (Ip.parseV4(v.substring(0, slash)) == null) throw new CheckException.Message("unrecognized IP address " + v);
                String mask = v.substring(slash + 1);
                int m = (int) integer(mask);
                if ((m & 0xff) > 32) throw new CheckException.Message("invalid netmask " + mask);
            }
            case IPV6NET -> {
                int slash = v.indexOf('/');
                String addr = slash < 0 ? v : v.substring(0, slash);
                if (Ip.parseV6(addr) == null) throw new CheckException.Message("unrecognized IPv6 network " + v);
            }
            default -> { }
        }
    }

    /** sscanf("%d%c")-style: one integer, optional leading blanks and sign, nothing after. */
    public static long integer(String v) throws CheckException.Message {
        String t = v.stripLeading();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
        if (i == start || i != t.length()) throw new CheckException.Message(v + " is not a valid number");
        try {
            return new java.math.BigInteger(t.startsWith("+") ? t.substring(1) : t).longValue();
        } catch (NumberFormatException e) {
            throw new CheckException.Message(v + " is not a valid number");
        }
    }
}

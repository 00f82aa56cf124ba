package dev.falcoc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.IpAddr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Falco's comparison semantics, checked on both backends. */
class SemanticsTest {
    private static Map<String, Object> ev(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static void expect(boolean want, String cond, Map<String, Object> event) {
        for (Backend b : Backend.values()) {
            assertEquals(want, Conditions.compile(cond, b).matches(event), b + ": " + cond + " on " + event);
        }
    }

    @Test
    void missingValueMakesEveryComparisonFalse() {
        Map<String, Object> e = ev();
        expect(false, "fd.name = /etc/passwd", e);
        expect(false, "fd.name != /etc/passwd", e);
        expect(true, "not fd.name = /etc/passwd", e);
        expect(true, "not fd.name != /etc/passwd", e);
        expect(false, "fd.name exists", e);
        expect(true, "not fd.name exists", e);
        expect(false, "len(fd.name) = 0", e); // Falco: transformers see only extracted values
        expect(true, "not len(fd.name) = 0", e);
    }

    @Test
    void strings() {
        Map<String, Object> e = ev("proc.name", "Bash", "fd.name", "/etc/shadow");
        expect(true, "proc.name = Bash", e);
        expect(false, "proc.name = bash", e);
        expect(true, "proc.name icontains ASH", e);
        expect(true, "proc.name in (sh, Bash)", e);
        expect(false, "proc.name in ()", e);
        expect(true, "not proc.name in ()", e);
        expect(true, "fd.name startswith /etc", e);
        expect(true, "fd.name endswith shadow", e);
        expect(true, "fd.name contains tc/sh", e);
        expect(true, "fd.name glob '/etc/*'", e);
        expect(true, "fd.name glob '*ad?w'", e);
        expect(false, "fd.name glob '/ETC/*'", e);
        expect(true, "fd.name iglob '/ETC/*'", e);
        expect(true, "fd.name pmatch (/etc)", e);
        expect(true, "fd.name pmatch (/usr, /etc/shadow)", e);
        expect(false, "fd.name pmatch (/et)", e);
        expect(true, "fd.name pmatch (/e*)", e);
        expect(true, "fd.name regex '/etc/sh.*'", e);
        expect(false, "fd.name regex 'etc'", e);
        expect(false, "fd.name regex '\\\\d+'", e); // RE2 POSIX rejects \\d: never matches
        expect(true, "proc.name > 1", e);
        expect(false, "fd.name > 1", e);
        expect(true, "tolower(proc.name) = bash", e);
        expect(true, "toupper(proc.name) = BASH", e);
        expect(true, "basename(fd.name) = shadow", e);
        expect(true, "len(fd.name) = 11", e);
    }

    @Test
    void numbersCutToFieldWidth() {
        expect(true, "evt.rawres = -1", ev("evt.rawres", -1L));
        expect(true, "fd.sport = http", ev("fd.sport", 80L));
        expect(true, "fd.sport in (22, 80)", ev("fd.sport", 80L));
        expect(true, "user.uid > 1000", ev("user.uid", 0xffffffffL));
        expect(true, "user.uid = -1", ev("user.uid", 0xffffffffL));
        expect(false, "proc.pid < 0", ev("proc.pid", 5L));
    }

    @Test
    void ancestorsAndEndpoints() {
        Candidates anc = new Candidates(List.of("sshd", "systemd"), Candidates.Kind.ANCESTORS);
        expect(true, "proc.aname = systemd", ev("proc.aname", anc));
        expect(true, "proc.aname != sshd", ev("proc.aname", anc));
        expect(false, "proc.aname = bash", ev("proc.aname", anc));
        expect(false, "proc.aname exists", ev("proc.aname", new Candidates(List.of(), Candidates.Kind.ANCESTORS)));
        Candidates ports = new Candidates(List.of(443L, 51234L), Candidates.Kind.ENDPOINTS);
        expect(true, "fd.port = 443", ev("fd.port", ports));
        expect(false, "fd.port != 443", ev("fd.port", ports));
        expect(true, "fd.port != 80", ev("fd.port", ports));
        IpAddr a = new IpAddr(new byte[] {10, 0, 0, 1});
        Candidates ips = new Candidates(List.of(a, new IpAddr(new byte[] {(byte) 192, (byte) 168, 1, 1})), Candidates.Kind.ENDPOINTS);
        expect(true, "fd.net = 192.168.0.0/16", ev("fd.net", ips));
        expect(false, "fd.net in (172.16.0.0/12, 10.0.0.0/8)", ev("fd.net", ips)); // only the first network counts
        expect(true, "fd.ip = 10.0.0.1", ev("fd.ip", ips));
        expect(false, "fd.net intersects (192.168.0.0/16)", ev("fd.net", ips)); // libs: false on connected sockets
        expect(true, "fd.net intersects (10.0.0.0/8)", ev("fd.net", a));        // a listening socket's address
        expect(false, "fd.sip = ::1", ev("fd.sip", a));
        expect(true, "fd.sip != ::1", ev("fd.sip", a));
    }

    @Test
    void listFieldsAndFieldComparisons() {
        expect(true, "fd.types in (file, ipv4)", ev("fd.types", List.of("file", "ipv4")));
        expect(false, "fd.types in (file)", ev("fd.types", List.of("file", "ipv4")));
        expect(true, "fd.types intersects (ipv4)", ev("fd.types", List.of("file", "ipv4")));
        expect(true, "fd.types in (file)", ev("fd.types", List.of()));
        expect(true, "len(fd.types) = 2", ev("fd.types", List.of("file", "ipv4")));
        expect(true, "proc.name = val(proc.pname)", ev("proc.name", "a", "proc.pname", "a"));
        expect(false, "proc.name != val(proc.pname)", ev("proc.name", "a"));
        expect(true, "proc.name = toupper(proc.pname)", ev("proc.name", "A", "proc.pname", "a"));
    }

    @Test
    void buffersAndB64() {
        expect(true, "evt.buffer bcontains 6869", ev("evt.buffer", "xhiy".getBytes()));
        expect(true, "evt.buffer contains hi", ev("evt.buffer", "xhiy".getBytes()));
        expect(true, "evt.buffer bstartswith 78", ev("evt.buffer", "xhiy".getBytes()));
        expect(true, "b64(proc.name) = hello", ev("proc.name", "aGVsbG8"));
        expect(false, "b64(proc.name) exists", ev("proc.name", "!!"));
    }
}

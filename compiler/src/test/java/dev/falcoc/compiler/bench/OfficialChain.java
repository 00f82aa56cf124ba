package dev.falcoc.compiler.bench;

import dev.falcoc.compiler.codegen.Backend;
import dev.falcoc.compiler.codegen.MatcherCompiler;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.schema.EventTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The official three-file chain compiled for a benchmark: rules dispatched per event code (as the
 * runtime does), and synthetic open/execve/connect contexts. A context is an Object[] indexed by
 * field slot, so that reading a field costs an array load and the figures measure the matchers.
 */
public final class OfficialChain {
    public static final String[] FILES = {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"};

    /** One synthetic event: its code and field values by slot. */
    public record Event(int code, Object[] ctx) {}

    public final Map<String, Integer> slots = new HashMap<>();
    public final Matcher[][] byCode;
    public final List<Event> events = new ArrayList<>();

    public OfficialChain(Backend backend) throws Exception {
        Path dir = rulesDir();
        RulesEngine engine = new RulesEngine();
        for (String f : FILES) {
            LoadResult r = engine.load(f, Files.readString(dir.resolve(f)));
            if (!r.successful()) throw new IllegalStateException(f + ": " + r.errors);
        }
        List<Compiled.CRule> rules = engine.output().rules().values().stream().filter(r -> r.enabled).toList();
        FieldBinder binder = field -> {
            int i = slots.computeIfAbsent(field.text(), k -> slots.size());
            return ctx -> ((Object[]) ctx)[i];
        };
        List<Matcher> ms = MatcherCompiler.compile(rules, binder, backend);
        EventTable table = EventTable.get();
        byCode = new Matcher[table.size()][];
        for (int code = 0; code < table.size(); code++) {
            List<Matcher> l = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) if (rules.get(i).events.get(code)) l.add(ms.get(i));
            byCode[code] = l.toArray(Matcher[]::new);
        }
        buildEvents(table);
    }

    static Path rulesDir() {
        for (String base : new String[] {System.getProperty("falcoc.shared", ""), "/work/shared"}) {
            if (base.isEmpty()) continue;
            Path p = Path.of(base, "rules");
            if (Files.isRegularFile(p.resolve(FILES[0]))) return p;
        }
        throw new IllegalStateException("shared rules not found (set -Dfalcoc.shared)");
    }

    /** The current exit event of a syscall (the highest code of that name). */
    private static int exitCode(EventTable t, String name) {
        int best = -1;
        for (EventTable.Event e : t.events()) if (e.name().equals(name) && !e.enter()) best = Math.max(best, e.id());
        return best;
    }

    private void buildEvents(EventTable t) {
        String[][] procs = {
                {"bash", "/usr/bin/bash", "bash -c ls", "sshd", "root", "0"},
                {"curl", "/usr/bin/curl", "curl https://example.com", "bash", "alice", "1000"},
                {"nginx", "/usr/sbin/nginx", "nginx -g daemon off;", "containerd-shim", "www-data", "33"},
                {"python3", "/usr/bin/python3", "python3 app.py", "runc", "root", "0"},
        };
        String[] files = {"/etc/shadow", "/var/log/app.log", "/tmp/x.sh", "/usr/lib/libc.so.6", "/proc/self/status", "/etc/ld.so.preload"};
        for (String[] p : procs) {
            for (String f : files) events.add(event(exitCode(t, "openat"), "openat", p, Map.of(
                    "fd.name", f, "fd.directory", f.substring(0, f.lastIndexOf('/')), "fd.filename", f.substring(f.lastIndexOf('/') + 1),
                    "fd.typechar", "f", "fd.num", 3L, "evt.is_open_read", true, "evt.is_open_write", f.startsWith("/etc"),
                    "evt.arg.flags", "O_RDONLY|O_CLOEXEC", "fd.type", "file")));
            events.add(event(exitCode(t, "execve"), "execve", p, Map.of("evt.arg.res", "0", "proc.args", p[2])));
            events.add(event(exitCode(t, "connect"), "connect", p, Map.of(
                    "fd.typechar", "4", "fd.type", "ipv4", "fd.l4proto", "tcp", "fd.sip", ip(93, 184, 216, 34), "fd.sport", 443L,
                    "fd.ip", new Candidates(List.of(ip(10, 0, 0, 5), ip(93, 184, 216, 34)), Candidates.Kind.ENDPOINTS),
                    "fd.port", new Candidates(List.of(51234L, 443L), Candidates.Kind.ENDPOINTS), "fd.name", "10.0.0.5:51234->93.184.216.34:443",
                    "fd.net", new Candidates(List.of(ip(10, 0, 0, 5), ip(93, 184, 216, 34)), Candidates.Kind.ENDPOINTS))));
        }
    }

    private static IpAddr ip(int a, int b, int c, int d) { return new IpAddr(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}); }

    private Event event(int code, String type, String[] p, Map<String, Object> extra) {
        Object[] ctx = new Object[slots.size()];
        Map<String, Object> v = new HashMap<>(extra);
        v.put("evt.type", type);
        v.put("evt.dir", "<");
        v.put("evt.res", "SUCCESS");
        v.put("evt.rawres", 0L);
        v.put("proc.name", p[0]);
        v.put("proc.exe", p[1]);
        v.put("proc.exepath", p[1]);
        v.put("proc.cmdline", p[2]);
        v.put("proc.pname", p[3]);
        v.put("proc.pcmdline", p[3]);
        v.put("proc.aname", new Candidates(List.of(p[3], "systemd"), Candidates.Kind.ANCESTORS));
        v.put("proc.aname[2]", "systemd");
        v.put("proc.pexe", "/usr/sbin/" + p[3]);
        v.put("proc.tty", 0L);
        v.put("proc.sname", p[3]);
        v.put("proc.vpid", 42L);
        v.put("proc.pid", 4242L);
        v.put("proc.is_exe_upper_layer", false);
        v.put("proc.is_exe_from_memfd", false);
        v.put("user.name", p[4]);
        v.put("user.uid", Long.parseLong(p[5]));
        v.put("user.loginuid", -1L);
        v.put("container.id", "host");
        v.put("container.name", "host");
        v.put("container.image.repository", "");
        v.put("container.privileged", false);
        v.put("evt.failed", false);
        v.forEach((k, val) -> {
            Integer i = slots.get(k);
            if (i != null) ctx[i] = val;
        });
        return new Event(code, ctx);
    }

    /** Evaluates every candidate rule (rule_matching: all); returns how many matched. */
    public int evaluate(Event e) {
        int n = 0;
        for (Matcher m : byCode[e.code()]) if (m.matches(e.ctx())) n++;
        return n;
    }
}

package dev.falcoc.compiler.codegen;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.ir.IpNet;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Lowering;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random events for a set of lowered rules: each field takes, most of the time, one of the
 * constants the rules compare it with (so that rules do fire), sometimes another value of its
 * kind, and sometimes no value at all.
 */
final class SyntheticEvents {
    private SyntheticEvents() {}

    static List<Map<String, Object>> generate(List<IrNode> nodes, Lowering low, Random r, int count) {
        Map<Integer, IrNode.FieldRef> fields = new HashMap<>();
        Map<Integer, List<Object>> pools = new HashMap<>();
        for (IrNode n : nodes) collect(n, fields, pools);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> e = new HashMap<>();
            for (var f : fields.entrySet()) {
                if (r.nextInt(5) == 0) continue;
                Object v = value(f.getValue(), pools.getOrDefault(f.getKey(), List.of()), r);
                if (v != null) e.put(f.getValue().field().text(), v);
            }
            out.add(e);
        }
        return out;
    }

    private static void collect(IrNode n, Map<Integer, IrNode.FieldRef> fields, Map<Integer, List<Object>> pools) {
        switch (n) {
            case IrNode.And a -> a.children().forEach(c -> collect(c, fields, pools));
            case IrNode.Or o -> o.children().forEach(c -> collect(c, fields, pools));
            case IrNode.Not x -> collect(x.child(), fields, pools);
            case IrNode.Const k -> { }
            case IrNode.Check c -> {
                // transformed fields still get raw values; untransformed ones get the constants
                fields.putIfAbsent(c.left().slot(), c.left());
                if (c.rhs() != null) fields.putIfAbsent(c.rhs().slot(), c.rhs());
                if (c.values() != null && c.left().transforms().isEmpty()) pools.computeIfAbsent(c.left().slot(), k -> new ArrayList<>()).addAll(c.values());
            }
        }
    }

    private static Object value(IrNode.FieldRef f, List<Object> pool, Random r) {
        String name = f.field().info().name();
        if (name.startsWith("proc.a") && f.field().arg() == null) {
            List<Object> l = new ArrayList<>();
            for (int i = 0, n = r.nextInt(4); i < n; i++) l.add(scalar(f, pool, r));
            return new Candidates(l, Candidates.Kind.ANCESTORS);
        }
        if ((name.equals("fd.ip") || name.equals("fd.port") || name.equals("fd.net") || name.equals("fd.proto")) && r.nextBoolean()) {
            return new Candidates(List.of(scalar(f, pool, r), scalar(f, pool, r)), Candidates.Kind.ENDPOINTS);
        }
        if (f.field().list()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0, n = r.nextInt(3); i < n; i++) l.add(scalar(f, pool, r));
            return l;
        }
        return scalar(f, pool, r);
    }

    private static Object scalar(IrNode.FieldRef f, List<Object> pool, Random r) {
        if (!pool.isEmpty() && r.nextInt(3) != 0) {
            Object c = pool.get(r.nextInt(pool.size()));
            switch (c) {
                case String s -> { return r.nextInt(4) == 0 ? s + "/x" : s; }
                case Long l -> { return l; }
                case IpNet n -> { return n.addr(); }
                case IpAddr a -> { return a; }
                case Boolean b -> { return b; }
                case byte[] b -> { return b; }
                default -> { }
            }
        }
        return switch (dev.falcoc.compiler.ir.Kind.of(f.field().type())) {
            case STRING -> new String[] {"bash", "/etc/shadow", "runc", "/usr/bin/curl", "", "sshd", "/tmp/x"}[r.nextInt(7)];
            case BYTES -> "abc".getBytes(StandardCharsets.UTF_8);
            case BOOL -> r.nextBoolean();
            case DOUBLE -> r.nextDouble();
            case IP, NET -> new IpAddr(new byte[] {10, 0, 0, (byte) r.nextInt(4)});
            case OTHER -> null;
            default -> (long) r.nextInt(2000) - 2;
        };
    }
}

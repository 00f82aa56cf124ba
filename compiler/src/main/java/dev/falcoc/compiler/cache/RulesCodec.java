package dev.falcoc.compiler.cache;

import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.grammar.ast.Pos;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The cache file's binary form: a header (magic, format version, the key, payload length and
 * CRC32C) and a payload of a string table followed by the rules, each field in {@link Compiled.CRule}
 * order and each condition tree node by node in prefix order. Integers are unsigned LEB128 varints
 * (positions and indexes are small); strings are indexes into the table (0 is null).
 */
final class RulesCodec {
    private RulesCodec() {}

    static final int MAGIC = 0x464c4352;   // "FLCR"
    private static final int HEADER = 4 + 4 + 32 + 4 + 4;

    /** Anything wrong with a cache file's bytes: the caller falls back to a normal load. */
    static final class Garbled extends Exception {
        Garbled(String m) { super(m, null, false, false); }
    }

    // node tags of Expr
    private static final int AND = 1, OR = 2, NOT = 3, IDENT = 4, VALUE = 5, LIST = 6, FIELD = 7, TRANSFORMER = 8, UNARY = 9, BINARY = 10;

    static byte[] encode(byte[] key, RulesCache.Entry e) {
        Out body = new Out();
        body.varint(e.warnings() < 0 ? 0 : e.warnings());
        body.bool(e.containerPluginLoaded());
        body.varint(e.rules().size());
        for (Map.Entry<String, Compiled.CRule> me : e.rules().entrySet()) {
            body.str(me.getKey());
            rule(body, me.getValue());
        }
        // the string table goes first in the file so that the reader can build it before the body
        Out table = new Out();
        table.varint(body.strings.size());
        for (String s : body.strings) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            table.varint(b.length);
            table.bytes(b, 0, b.length);
        }
        Out file = new Out();
        file.int32(MAGIC);
        file.int32(RulesCache.FORMAT);
        file.bytes(key, 0, 32);
        int length = table.n + body.n;
        file.int32(length);
        CRC32C crc = new CRC32C();
        crc.update(table.buf, 0, table.n);
        crc.update(body.buf, 0, body.n);
        file.int32((int) crc.getValue());
        file.bytes(table.buf, 0, table.n);
        file.bytes(body.buf, 0, body.n);
        return Arrays.copyOf(file.buf, file.n);
    }

    static RulesCache.Entry decode(byte[] key, byte[] data) throws Garbled {
        In in = new In(data, 0);
        if (data.length < HEADER) throw new Garbled("truncated header");
        if (in.int32() != MAGIC) throw new Garbled("not a falcoc rules cache");
        if (in.int32() != RulesCache.FORMAT) throw new Garbled("format version");
        if (!Arrays.equals(data, 8, 40, key, 0, 32)) throw new Garbled("key");
        in.pos = 40;
        int length = in.int32();
        int crc = in.int32();
        if (length != data.length - HEADER) throw new Garbled("length");
        CRC32C c = new CRC32C();
        c.update(data, HEADER, length);
        if ((int) c.getValue() != crc) throw new Garbled("checksum");
        int count = in.count();
        String[] strings = new String[count + 1];
        for (int i = 1; i <= count; i++) {
            int len = in.count();
            if (len > data.length - in.pos) throw new Garbled("string length");
            strings[i] = new String(data, in.pos, len, StandardCharsets.UTF_8);
            in.pos += len;
        }
        in.strings = strings;
        long warnings = in.varint();
        boolean container = in.bool();
        int rules = in.count();
        Map<String, Compiled.CRule> out = new LinkedHashMap<>(Math.max(16, rules * 2));
        for (int i = 0; i < rules; i++) {
            String name = in.str();
            out.put(name, rule(in));
        }
        if (in.pos != data.length) throw new Garbled("trailing bytes");
        return new RulesCache.Entry(out, warnings, container);
    }

    private static void rule(Out o, Compiled.CRule r) {
        o.str(r.name);
        o.str(r.source);
        o.str(r.conditionText);
        o.str(r.compiledConditionText);
        o.bool(r.ast != null);
        if (r.ast != null) expr(o, r.ast);
        o.str(r.output);
        o.str(r.outputCompiled);
        o.bool(r.outputTokens != null);
        if (r.outputTokens != null) {
            o.varint(r.outputTokens.size());
            for (OutputChecker.Token t : r.outputTokens) {
                o.str(t.field());
                o.str(t.text());
                o.zigzag(t.offset());
                strings(o, t.transformers());
                o.zigzag(t.width());
            }
        }
        o.str(r.description);
        o.varint(r.priority == null ? 0 : r.priority.ordinal() + 1);
        strings(o, r.tags);
        o.bool(r.enabled);
        o.bool(r.capture);
        o.zigzag(r.captureDuration);
        o.bool(r.events != null);
        if (r.events != null) {
            long[] words = r.events.toLongArray();
            o.varint(words.length);
            for (long w : words) o.int64(w);
        }
        strings(o, r.exceptionFields);
        strings(o, r.exceptionNames);
        strings(o, r.exceptionOperators);
        o.str(r.file);
    }

    private static Compiled.CRule rule(In in) throws Garbled {
        Compiled.CRule r = new Compiled.CRule();
        r.name = in.str();
        r.source = in.str();
        r.conditionText = in.str();
        r.compiledConditionText = in.str();
        r.ast = in.bool() ? expr(in) : null;
        r.output = in.str();
        r.outputCompiled = in.str();
        if (in.bool()) {
            int n = in.count();
            List<OutputChecker.Token> tokens = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String field = in.str(), text = in.str();
                int offset = (int) in.zigzag();
                List<String> transformers = in.list();
                tokens.add(new OutputChecker.Token(field, text, offset, transformers == null ? null : List.copyOf(transformers), (int) in.zigzag()));
            }
            r.outputTokens = tokens;
        }
        r.description = in.str();
        int p = in.count();
        Priority[] all = Priority.values();
        if (p > all.length) throw new Garbled("priority");
        r.priority = p == 0 ? null : all[p - 1];
        r.tags = in.sorted();
        r.enabled = in.bool();
        r.capture = in.bool();
        r.captureDuration = in.zigzag();
        if (in.bool()) {
            int n = in.count();
            long[] words = new long[n];
            for (int i = 0; i < n; i++) words[i] = in.int64();
            r.events = BitSet.valueOf(words);
        }
        r.exceptionFields = in.sorted();
        List<String> names = in.list();
        r.exceptionNames = names == null ? null : List.copyOf(names);
        r.exceptionOperators = in.sorted();
        r.file = in.str();
        return r;
    }

    /** A collection of strings: 0 for null, else 1 + its size, then the items. */
    private static void strings(Out o, java.util.Collection<String> c) {
        if (c == null) {
            o.varint(0);
            return;
        }
        o.varint(c.size() + 1L);
        for (String s : c) o.str(s);
    }

    // instanceof tests rather than a pattern switch: a pattern switch spins a class at every start
    private static void expr(Out o, Expr e) {
        if (e instanceof Expr.And a) { o.varint(AND); pos(o, a.pos()); exprs(o, a.children()); }
        else if (e instanceof Expr.Or x) { o.varint(OR); pos(o, x.pos()); exprs(o, x.children()); }
        else if (e instanceof Expr.Not n) { o.varint(NOT); pos(o, n.pos()); expr(o, n.child()); }
        else if (e instanceof Expr.Identifier i) { o.varint(IDENT); pos(o, i.pos()); o.str(i.name()); }
        else if (e instanceof Expr.Value v) { o.varint(VALUE); pos(o, v.pos()); o.str(v.value()); }
        else if (e instanceof Expr.ListValue l) { o.varint(LIST); pos(o, l.pos()); strings(o, l.values()); }
        else if (e instanceof Expr.Field f) { o.varint(FIELD); pos(o, f.pos()); o.str(f.name()); o.str(f.arg()); }
        else if (e instanceof Expr.Transformer t) { o.varint(TRANSFORMER); pos(o, t.pos()); o.str(t.name()); expr(o, t.child()); }
        else if (e instanceof Expr.UnaryCheck u) { o.varint(UNARY); pos(o, u.pos()); expr(o, u.left()); o.str(u.op()); }
        else if (e instanceof Expr.BinaryCheck b) { o.varint(BINARY); pos(o, b.pos()); expr(o, b.left()); o.str(b.op()); expr(o, b.right()); }
        else throw new IllegalArgumentException("unknown condition node " + e);
    }

    private static void exprs(Out o, List<Expr> list) {
        o.varint(list.size());
        for (Expr c : list) expr(o, c);
    }

    private static void pos(Out o, Pos p) {
        o.zigzag(p.idx());
        o.zigzag(p.line());
        o.zigzag(p.col());
    }

    private static Expr expr(In in) throws Garbled {
        int tag = in.count();
        Pos pos = new Pos((int) in.zigzag(), (int) in.zigzag(), (int) in.zigzag());
        if (tag == AND || tag == OR) {
            int n = in.count();
            List<Expr> children = new ArrayList<>(n);
            for (int i = 0; i < n; i++) children.add(expr(in));
            return tag == AND ? new Expr.And(children, pos) : new Expr.Or(children, pos);
        }
        if (tag == NOT) return new Expr.Not(expr(in), pos);
        if (tag == IDENT) return new Expr.Identifier(in.nonNull(), pos);
        if (tag == VALUE) return new Expr.Value(in.nonNull(), pos);
        if (tag == LIST) {
            List<String> values = in.list();
            if (values == null) throw new Garbled("null list value");
            return new Expr.ListValue(values, pos);
        }
        if (tag == FIELD) return new Expr.Field(in.nonNull(), in.nonNull(), pos);
        if (tag == TRANSFORMER) return new Expr.Transformer(in.nonNull(), expr(in), pos);
        if (tag == UNARY) return new Expr.UnaryCheck(expr(in), in.nonNull(), pos);
        if (tag == BINARY) {
            Expr left = expr(in);
            String op = in.nonNull();
            return new Expr.BinaryCheck(left, op, expr(in), pos);
        }
        throw new Garbled("node tag " + tag);
    }

    /** A growing byte buffer that also collects the string table (same string, same index). */
    private static final class Out {
        byte[] buf = new byte[1 << 14];
        int n;
        final Map<String, Integer> index = new HashMap<>();
        final List<String> strings = new ArrayList<>();

        private void room(int k) {
            if (n + k > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + k));
        }

        void bytes(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, buf, n, len);
            n += len;
        }

        void int32(int v) {
            room(4);
            buf[n++] = (byte) (v >>> 24);
            buf[n++] = (byte) (v >>> 16);
            buf[n++] = (byte) (v >>> 8);
            buf[n++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void varint(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buf[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
        }

        void zigzag(long v) { varint((v << 1) ^ (v >> 63)); }

        void bool(boolean b) { varint(b ? 1 : 0); }

        void str(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            Integer i = index.get(s);
            if (i == null) {
                strings.add(s);
                i = strings.size();
                index.put(s, i);
            }
            varint(i);
        }
    }

    /** Reads what {@link Out} wrote; every bound is checked, a bad one is {@link Garbled}. */
    private static final class In {
        final byte[] b;
        int pos;
        String[] strings;

        In(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int int32() throws Garbled {
            if (pos + 4 > b.length) throw new Garbled("truncated");
            int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        long int64() throws Garbled {
            long hi = int32() & 0xFFFFFFFFL;
            return (hi << 32) | (int32() & 0xFFFFFFFFL);
        }

        long varint() throws Garbled {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= b.length) throw new Garbled("truncated");
                int x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) return v;
            }
            throw new Garbled("varint");
        }

        long zigzag() throws Garbled {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        /** A size or index: a varint no larger than the file could hold. */
        int count() throws Garbled {
            long v = varint();
            if (v < 0 || v > b.length) throw new Garbled("count");
            return (int) v;
        }

        boolean bool() throws Garbled {
            long v = varint();
            if (v > 1) throw new Garbled("boolean");
            return v == 1;
        }

        String str() throws Garbled {
            long i = varint();
            if (i < 0 || i >= strings.length) throw new Garbled("string index");
            return strings[(int) i];
        }

        String nonNull() throws Garbled {
            String s = str();
            if (s == null) throw new Garbled("null string");
            return s;
        }

        List<String> list() throws Garbled {
            int n = count();
            if (n == 0) return null;
            List<String> l = new ArrayList<>(n - 1);
            for (int i = 1; i < n; i++) l.add(str());
            return l;
        }

        SortedSet<String> sorted() throws Garbled {
            List<String> l = list();
            if (l == null) return null;
            TreeSet<String> s = new TreeSet<>();
            for (String x : l) {
                if (x == null) throw new Garbled("null in a set");
                s.add(x);
            }
            return s;
        }
    }
}

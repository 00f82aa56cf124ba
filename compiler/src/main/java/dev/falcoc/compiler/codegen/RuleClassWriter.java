package dev.falcoc.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.ir.Op;
import dev.falcoc.compiler.ir.Transform;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Generates one hidden class per rule: {@code matches(ctx)} calls a static method holding the
 * condition as short-circuit jumps; each check loads its getter and predicate as class-data
 * constants (dynamic constants, so the JIT sees them as constants), reads the field, applies
 * transformers and calls the predicate. Conditions too large for one method are split into
 * helper methods of at most {@link #METHOD_LIMIT} estimated bytes, far below HotSpot's
 * 8000-byte JIT limit.
 */
final class RuleClassWriter {
    static final int METHOD_LIMIT = 2000;
    private static final String CLASS = "dev/falcoc/compiler/codegen/Rule";
    private static final String CTX_METHOD = "(Ljava/lang/Object;)Z";
    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);
    private static final String GETTER = Type.getInternalName(FieldGetter.class);
    private static final String VALUES = "dev/falcoc/compiler/ir/Values";

    /** The condition shape the writer works on: the IR plus calls to split-off helpers. */
    private sealed interface G permits GAnd, GOr, GNot, GConst, GCheck, GCall {}
    private record GAnd(List<G> children) implements G {}
    private record GOr(List<G> children) implements G {}
    private record GNot(G child) implements G {}
    private record GConst(boolean value) implements G {}
    private record GCheck(IrNode.Check check) implements G {}
    private record GCall(int method) implements G {}

    private final List<FieldGetter> getters;
    private final List<Object> constants = new ArrayList<>();
    private final Map<Integer, Integer> getterConstant = new HashMap<>();
    private final List<G> methods = new ArrayList<>();
    private final Map<Integer, Integer> cache = new HashMap<>(); // field slot -> local of its cached value

    private RuleClassWriter(List<FieldGetter> getters) {
        this.getters = getters;
    }

    static Matcher define(String name, IrNode root, List<FieldGetter> getters) {
        return new RuleClassWriter(getters).build(name, root);
    }

    /** Class bytes and class data, for tests that inspect or verify the generated code. */
    record Generated(byte[] bytes, List<Object> classData, int methods) {}

    static Generated generate(String name, IrNode root, List<FieldGetter> getters) {
        RuleClassWriter w = new RuleClassWriter(getters);
        byte[] b = w.bytes(name, root);
        return new Generated(b, List.copyOf(w.constants), w.methods.size());
    }

    private Matcher build(String name, IrNode root) {
        byte[] bytes = bytes(name, root);
        try {
            MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, List.copyOf(constants), true);
            return (Matcher) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define the matcher of rule " + name, t);
        }
    }

    private byte[] bytes(String name, IrNode root) {
        G g = fit(shape(root));
        methods.add(0, g); // the entry method; helpers were numbered from 1 for this
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
        cw.visit(V21, ACC_FINAL | ACC_SUPER, CLASS, null, "java/lang/Object", new String[] {Type.getInternalName(Matcher.class)});
        cw.visitSource(name, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "matches", CTX_METHOD, null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 1);
        m.visitMethodInsn(INVOKESTATIC, CLASS, "m0", CTX_METHOD, false);
        m.visitInsn(IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        MethodVisitor ts = cw.visitMethod(ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
        ts.visitCode();
        ts.visitLdcInsn("rule " + name);
        ts.visitInsn(ARETURN);
        ts.visitMaxs(0, 0);
        ts.visitEnd();
        for (int i = 0; i < methods.size(); i++) {
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "m" + i, CTX_METHOD, null, null);
            mv.visitCode();
            cacheLocals(mv, methods.get(i));
            Label no = new Label();
            jump(mv, methods.get(i), false, no);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IRETURN);
            mv.visitLabel(no);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    // ---- shaping: flatten, fold, order by cost ----

    private static G shape(IrNode n) {
        return switch (n) {
            case IrNode.Const k -> new GConst(k.value());
            case IrNode.Not x -> {
                G c = shape(x.child());
                yield c instanceof GConst k ? new GConst(!k.value()) : c instanceof GNot nn ? nn.child() : new GNot(c);
            }
            case IrNode.Check c -> new GCheck(c);
            case IrNode.And a -> junction(a.children(), true);
            case IrNode.Or o -> junction(o.children(), false);
        };
    }

    /**
     * And/Or: nested junctions of the same kind are flattened, neutral constants dropped, an
     * absorbing constant folds the whole, and the remaining children are ordered cheapest first.
     * Checks have no side effects and no errors, so any order gives the same result.
     */
    private static G junction(List<IrNode> kids, boolean and) {
        List<G> out = new ArrayList<>();
        for (IrNode k : kids) {
            G g = shape(k);
            if (g instanceof GConst c) {
                if (c.value() == and) continue;  // true in an and, false in an or
                return new GConst(!and);
            }
            if (and && g instanceof GAnd a) out.addAll(a.children());
            else if (!and && g instanceof GOr o) out.addAll(o.children());
            else out.add(g);
        }
        if (out.isEmpty()) return new GConst(and);
        if (out.size() == 1) return out.get(0);
        out.sort(Comparator.comparingInt(RuleClassWriter::cost));
        return and ? new GAnd(out) : new GOr(out);
    }

    /** A rough run-time cost: reading the field, transforming it, then comparing. */
    private static int cost(G g) {
        return switch (g) {
            case GConst c -> 0;
            case GCall c -> 50;
            case GNot n -> cost(n.child());
            case GAnd a -> a.children().stream().mapToInt(RuleClassWriter::cost).sum();
            case GOr o -> o.children().stream().mapToInt(RuleClassWriter::cost).sum();
            case GCheck c -> checkCost(c.check());
        };
    }

    static int checkCost(IrNode.Check c) {
        int read = readCost(c.left()) + (c.rhs() != null ? readCost(c.rhs()) + 4 : 0);
        int op = switch (c.op()) {
            case EXISTS -> 0;
            case EQ, NE, IN, INTERSECTS, LT, LE, GT, GE -> 1;
            case STARTSWITH, ENDSWITH, BSTARTSWITH -> 2;
            case CONTAINS, BCONTAINS -> 4;
            case ICONTAINS -> 6;
            case GLOB, IGLOB, PMATCH -> 10;
            case REGEX -> 25;
        };
        return read + op;
    }

    private static int readCost(IrNode.FieldRef f) {
        String name = f.field().info().name();
        // ancestor fields without an index walk the whole process tree
        int read = name.startsWith("proc.a") && f.field().arg() == null ? 10 : 2;
        return read + 4 * f.transforms().size();
    }

    // ---- splitting into methods ----

    private static int size(G g) {
        return switch (g) {
            case GConst c -> 3;
            case GCall c -> 7;
            case GNot n -> size(n.child());
            case GAnd a -> a.children().stream().mapToInt(k -> size(k) + 3).sum();
            case GOr o -> o.children().stream().mapToInt(k -> size(k) + 3).sum();
            case GCheck c -> 3 + readSize(c.check().left()) + (c.check().rhs() != null ? readSize(c.check().rhs()) : 0) + 3 + 3;
        };
    }

    private static int readSize(IrNode.FieldRef f) { return 3 + 1 + 5 + 12 + 3 * f.transforms().size(); }

    /** Rewrites g so that it fits one method, moving parts into helper methods. */
    private G fit(G g) {
        if (size(g) <= METHOD_LIMIT) return g;
        return switch (g) {
            case GNot n -> new GNot(fit(n.child()));
            case GAnd a -> new GAnd(group(a.children(), true));
            case GOr o -> new GOr(group(o.children(), false));
            default -> g;
        };
    }

    private List<G> group(List<G> kids, boolean and) {
        List<G> out = new ArrayList<>();
        List<G> chunk = new ArrayList<>();
        int chunkSize = 0;
        for (G k : kids) {
            G f = size(k) > METHOD_LIMIT ? helper(k) : k;
            int s = size(f) + 3;
            if (chunkSize + s > METHOD_LIMIT / 2 && !chunk.isEmpty()) {
                out.add(chunk.size() == 1 ? chunk.get(0) : helper(and ? new GAnd(chunk) : new GOr(chunk)));
                chunk = new ArrayList<>();
                chunkSize = 0;
            }
            chunk.add(f);
            chunkSize += s;
        }
        if (!chunk.isEmpty()) out.add(chunk.size() == 1 ? chunk.get(0) : helper(and ? new GAnd(chunk) : new GOr(chunk)));
        if (out.stream().mapToInt(x -> size(x) + 3).sum() > METHOD_LIMIT) return group(out, and);
        return out;
    }

    private G helper(G body) {
        methods.add(null);
        int index = methods.size(); // the entry method takes slot 0 later
        methods.set(index - 1, fit(body));
        return new GCall(index);
    }

    // ---- emission ----

    /** Emits code that jumps to target when g evaluates to when, and falls through otherwise. */
    private void jump(MethodVisitor mv, G g, boolean when, Label target) {
        switch (g) {
            case GConst c -> { if (c.value() == when) mv.visitJumpInsn(GOTO, target); }
            case GNot n -> jump(mv, n.child(), !when, target);
            case GAnd a -> junction(mv, a.children(), true, when, target);
            case GOr o -> junction(mv, o.children(), false, when, target);
            case GCall c -> {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitMethodInsn(INVOKESTATIC, CLASS, "m" + c.method(), CTX_METHOD, false);
                mv.visitJumpInsn(when ? IFNE : IFEQ, target);
            }
            case GCheck c -> {
                check(mv, c.check());
                mv.visitJumpInsn(when ? IFNE : IFEQ, target);
            }
        }
    }

    private void junction(MethodVisitor mv, List<G> kids, boolean and, boolean when, Label target) {
        // and: jump on the first false when looking for false; or: on the first true when looking for true
        if (when != and) {
            for (G k : kids) jump(mv, k, when, target);
            return;
        }
        Label skip = new Label();
        for (int i = 0; i < kids.size() - 1; i++) jump(mv, kids.get(i), !when, skip);
        jump(mv, kids.get(kids.size() - 1), when, target);
        mv.visitLabel(skip);
    }

    /** Pushes the check's boolean result. */
    private void check(MethodVisitor mv, IrNode.Check c) {
        if (c.op() == Op.EXISTS) {
            Pred.Exists p = new Pred.Exists();
            constant(mv, p);
            read(mv, c.left());
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Pred.Exists.class), "test", CTX_METHOD, false);
            return;
        }
        if (c.rhs() != null) {
            Preds.FieldPair p = new Preds.FieldPair(c);
            constant(mv, p);
            read(mv, c.left());
            read(mv, c.rhs());
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Preds.FieldPair.class), "test",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Z", false);
            return;
        }
        Object p = Preds.of(c);
        constant(mv, p);
        read(mv, c.left());
        mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(p.getClass()), "test", CTX_METHOD, false);
    }

    /**
     * Fields read more than once in a method are read at most once per call: the value goes to a
     * local, with a flag local saying whether it was read (short-circuiting decides which reads
     * happen, so the first read cannot be placed statically). Getters are pure, so this is safe.
     */
    private void cacheLocals(MethodVisitor mv, G body) {
        cache.clear();
        Map<Integer, Integer> counts = new HashMap<>();
        countReads(body, counts);
        int next = 1;
        for (var e : counts.entrySet()) {
            if (e.getValue() < 2) continue;
            cache.put(e.getKey(), next);
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, next);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, next + 1);
            next += 2;
        }
    }

    private static void countReads(G g, Map<Integer, Integer> counts) {
        switch (g) {
            case GAnd a -> a.children().forEach(c -> countReads(c, counts));
            case GOr o -> o.children().forEach(c -> countReads(c, counts));
            case GNot n -> countReads(n.child(), counts);
            case GCheck c -> {
                counts.merge(c.check().left().slot(), 1, Integer::sum);
                if (c.check().rhs() != null) counts.merge(c.check().rhs().slot(), 1, Integer::sum);
            }
            case GConst c -> { }
            case GCall c -> { }
        }
    }

    /** Pushes the (transformed) value of a field for the event in local 0. */
    private void read(MethodVisitor mv, IrNode.FieldRef f) {
        Integer local = cache.get(f.slot());
        if (local == null) {
            getter(mv, f.slot());
        } else {
            Label have = new Label();
            mv.visitVarInsn(ILOAD, local + 1);
            mv.visitJumpInsn(IFNE, have);
            getter(mv, f.slot());
            mv.visitVarInsn(ASTORE, local);
            mv.visitInsn(ICONST_1);
            mv.visitVarInsn(ISTORE, local + 1);
            mv.visitLabel(have);
            mv.visitVarInsn(ALOAD, local);
        }
        for (Transform t : f.transforms()) {
            String m = t.name().toLowerCase(java.util.Locale.ROOT);
            mv.visitMethodInsn(INVOKESTATIC, VALUES, m, "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        }
    }

    private void getter(MethodVisitor mv, int slot) {
        Integer idx = getterConstant.get(slot);
        if (idx == null) {
            idx = constants.size();
            constants.add(getters.get(slot));
            getterConstant.put(slot, idx);
        }
        mv.visitLdcInsn(new ConstantDynamic("_", "L" + GETTER + ";", CLASS_DATA_AT, idx));
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKEINTERFACE, GETTER, "get", "(Ljava/lang/Object;)Ljava/lang/Object;", true);
    }

    private void constant(MethodVisitor mv, Object value) {
        int idx = constants.size();
        constants.add(value);
        mv.visitLdcInsn(new ConstantDynamic("_", Type.getDescriptor(value.getClass()), CLASS_DATA_AT, idx));
    }
}

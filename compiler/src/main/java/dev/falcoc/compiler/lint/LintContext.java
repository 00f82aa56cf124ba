package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.diag.Context;
import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.load.Collector;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import dev.falcoc.compiler.load.SrcText;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.compiler.yaml.YamlReader;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** What lints see: the final definitions and compiled rules of a chain, and its YAML contents. */
final class LintContext {
    final RulesEngine engine;
    final RulesEngine.CompileOutput output;
    final Collector collector;
    final EventTable events = EventTable.get();
    final FieldResolver resolver;
    final List<ChainCheck.Input> inputs;
    final List<Diagnostic> out = new ArrayList<>();

    /** One parsed content of the chain, in load order. */
    record Doc(String name, String content, List<YNode> docs) {}

    final List<Doc> docs = new ArrayList<>();

    LintContext(RulesEngine engine, List<ChainCheck.Input> inputs) {
        this.engine = engine;
        this.output = engine.output();
        this.collector = engine.collector();
        this.resolver = engine.resolver();
        this.inputs = inputs;
        for (ChainCheck.Input in : inputs) {
            try {
                docs.add(new Doc(in.source().name(), in.source().content(), YamlReader.readAll(in.source().name(), in.source().content())));
            } catch (YamlReader.SyntaxError e) {
                // the engine reported it; lints only run on chains that loaded
            }
        }
    }

    void report(LintCode code, String message, Context ctx) {
        out.add(new Diagnostic(code.severity(), code.name(), message, ctx, null, false));
    }

    /** A context at a YAML node of a content (items found by the lints' own YAML pass). */
    static Context at(String content, YNode node, String itemType, String itemName) {
        Context root = Context.root(content);
        return root.child(itemType, itemName, new dev.falcoc.compiler.diag.Position(content, node.line, node.column, node.offset), node.offset);
    }

    /** The rule's context pointing at a character of its own condition text, when it has one. */
    static Context inCondition(RuleInfo r, SrcText cond, int idx) {
        Context c = r.condCtx != null ? r.condCtx : r.ctx;
        if (cond == null || idx < 0) return c;
        String file = cond.fileAt(idx);
        int off = cond.offsetAt(idx);
        return file != null && off >= 0 ? c.withExact(file, off) : c;
    }

    /**
     * Where a check of a rule's resolved condition is written: in the rule's own condition when it
     * is there as written (not from a macro, list or exception), else the condition itself.
     */
    Context atCheck(RuleInfo r, dev.falcoc.grammar.ast.Expr check) {
        Context fallback = r.condCtx != null ? r.condCtx : r.ctx;
        if (check == null || r.cond == null || r.cond.isEmpty()) return fallback;
        String wanted = dev.falcoc.grammar.ast.AstPrinter.print(check);
        dev.falcoc.grammar.ast.Expr own;
        try {
            own = dev.falcoc.grammar.ConditionParser.parse(r.cond.text());
        } catch (dev.falcoc.grammar.ParseException | StackOverflowError e) {
            return fallback;
        }
        dev.falcoc.grammar.ast.Expr[] found = {null};
        Conditions.walk(own, e -> {
            if (found[0] == null && !(e instanceof dev.falcoc.grammar.ast.Expr.Field) && dev.falcoc.grammar.ast.AstPrinter.print(e).equals(wanted)) found[0] = e;
        });
        return found[0] == null ? fallback : inCondition(r, r.cond, found[0].pos().idx());
    }

    /** Compiled, enabled rules of the syscall source with their definitions, in Falco's order. */
    List<RuleInfo> enabledRules() {
        List<RuleInfo> out = new ArrayList<>();
        for (RuleInfo r : collector.rules()) {
            Compiled.CRule c = output.rules().get(r.name);
            if (c != null && c.enabled && !r.unknownSource) out.add(r);
        }
        return out;
    }

    Compiled.CRule compiled(RuleInfo r) { return output.rules().get(r.name); }

    /** The rule's event codes without the async event every rule is indexed under. */
    BitSet syscallEvents(Compiled.CRule r) {
        BitSet b = (BitSet) r.events.clone();
        if (events.asyncEventCode() >= 0) b.clear(events.asyncEventCode());
        return b;
    }
}

package dev.falcoc.compiler.engine;

import dev.falcoc.compiler.check.CheckException;
import dev.falcoc.compiler.check.EventTypes;
import dev.falcoc.compiler.check.FilterChecker;
import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.diag.Codes;
import dev.falcoc.compiler.diag.Context;
import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Position;
import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.load.Collector;
import dev.falcoc.compiler.load.Entry;
import dev.falcoc.compiler.load.Infos;
import dev.falcoc.compiler.load.Infos.ExceptionInfo;
import dev.falcoc.compiler.load.Infos.ListInfo;
import dev.falcoc.compiler.load.Infos.MacroInfo;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import dev.falcoc.compiler.load.LoadException;
import dev.falcoc.compiler.load.Reader;
import dev.falcoc.compiler.load.ReportSink;
import dev.falcoc.compiler.load.SrcText;
import dev.falcoc.compiler.load.Version;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.load.SchemaValidator;
import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.compiler.yaml.YamlReader;
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.grammar.ParseException;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.grammar.ast.Pos;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Falco's rules engine front end: loads rules files one after the other into one collector and,
 * after each file, recompiles everything (lists, then macros, then rules), as Falco 0.42 does.
 * Falco's own answer is kept apart from falcoc's additional findings in each {@link LoadResult}.
 */
public final class RulesEngine {
    /** Engine options that change compiled output the way Falco's configuration does. */
    public record Options(boolean containerPlugin, boolean containerPluginAuto) {
        public static Options defaults() { return new Options(false, true); }
    }

    static final String SUGGESTED_OUTPUT = "container_id=%container.id container_name=%container.name "
            + "container_image_repository=%container.image.repository container_image_tag=%container.image.tag "
            + "k8s_pod_name=%k8s.pod.name k8s_ns_name=%k8s.ns.name";
    private static final String EVT_DIR_DEPRECATION = "due to the drop of enter events, 'evt.dir = <' always evaluates to true, "
            + "and 'evt.dir = >' always evaluates to false. The rule expression can be simplified by removing the condition on 'evt.dir'";

    private final Options options;
    private final FieldResolver resolver;
    private final EventTable events;
    private Collector collector;
    private CompileOutput last;
    private CompileOutput latest;
    private final List<LoadResult> results = new ArrayList<>();

    /** Lists, macros and rules of the last successful compilation, in Falco's order. */
    public record CompileOutput(Map<String, Compiled.CList> lists, Map<String, Compiled.CMacro> macros,
                                Map<String, Compiled.CRule> rules, Version requiredEngineVersion,
                                List<List<Infos.PluginRequirement>> pluginRequirements) {}

    public RulesEngine(Options options) {
        this.options = options;
        this.resolver = FieldResolver.get();
        this.events = EventTable.get();
        this.collector = newCollector();
    }

    public RulesEngine() { this(Options.defaults()); }

    /**
     * A snapshot that loads further files independently of this engine: an editor keeps the
     * engine after the upstream files and re-checks only the edited ones on top of a copy.
     */
    public RulesEngine copy() {
        RulesEngine c = new RulesEngine(options);
        c.collector = collector.copy();
        c.last = last;
        c.latest = latest;
        c.results.addAll(results);
        return c;
    }

    private Collector newCollector() {
        return new Collector(Set.of("syscall"), this::isValidLhsField);
    }

    public CompileOutput output() { return last; }

    /** The last compilation even if it had errors: what did compile (an editor shows it while the user fixes the rest). */
    public CompileOutput latestOutput() { return latest != null ? latest : last; }

    public List<LoadResult> results() { return results; }

    /** The definitions after the last file (for lints and the editor). */
    public Collector collector() { return collector; }

    public FieldResolver resolver() { return resolver; }

    /** Falco's is_valid_lhs_field: a known field, or a transformer expression that compiles. */
    private boolean isValidLhsField(String field) {
        try {
            if (resolver.resolveExact(field) != null) return true;
        } catch (dev.falcoc.compiler.schema.FieldResolver.FieldSyntaxException e) {
            return false;
        }
        if (field.indexOf('(') < 0) return false;
        try {
            Expr e = ConditionParser.parse(field + " exists");
            new FilterChecker(resolver, events).check(e);
            return true;
        } catch (ParseException | CheckException e) {
            return false;
        }
    }

    /** Reports into a LoadResult: Falco's first error, then falcoc's additional problems. */
    private final class Sink implements ReportSink {
        final LoadResult res;
        boolean falcoStopped;

        Sink(LoadResult res) { this.res = res; }

        @Override
        public void warning(String code, String message, Context ctx) {
            add(new Diagnostic(Severity.WARNING, code, message, ctx, null, true));
        }

        @Override
        public void deprecatedField(String field, String message, Context ctx) {
            add(new Diagnostic(Severity.WARNING, Codes.DEPRECATED_ITEM, message, ctx, field, true));
        }

        void error(String code, String message, Context ctx) {
            add(new Diagnostic(Severity.ERROR, code, message, ctx, null, true));
        }

        void add(Diagnostic d) {
            if (falcoStopped) {
                res.additional.add(d.asAdditional());
            } else if (d.severity() == Severity.ERROR) {
                res.errors.add(d);
                falcoStopped = true;
            } else {
                res.warnings.add(d);
            }
        }
    }

    /** Loads one rules file on top of everything loaded before (on a large stack: conditions may nest 10^4 deep). */
    public LoadResult load(String name, String content) {
        return dev.falcoc.grammar.DeepStack.call(() -> loadHere(name, content));
    }

    private LoadResult loadHere(String name, String content) {
        LoadResult res = new LoadResult(name, content);
        results.add(res);
        Sink sink = new Sink(res);
        Context root = Context.root(name);
        List<YNode> docs;
        try {
            docs = YamlReader.readAll(name, content);
        } catch (YamlReader.SyntaxError e) {
            sink.error(Codes.ERR_YAML_PARSE, e.getMessage(), root.child("value for", "", new Position(name, e.line, e.column, e.offset), e.offset));
            return res;
        }
        Reader reader = new Reader(name, content, collector, sink);
        Collector falcoState = null;
        for (YNode doc : docs) {
            if (doc == null || doc.isNull()) continue;
            List<String> schema = SchemaValidator.validate(doc);
            if (!schema.isEmpty()) {
                res.schemaValid = false;
                res.schemaWarnings.addAll(schema);
            }
            if (!doc.isMap() && !doc.isSequence()) {
                sink.error(Codes.ERR_YAML_VALIDATE, "Rules content is not yaml", root);
                continue;
            }
            if (!doc.isSequence()) {
                sink.error(Codes.ERR_YAML_VALIDATE, "Rules content is not yaml array of objects", root);
                continue;
            }
            for (YNode item : doc.items) {
                if (item.isNull()) continue;
                boolean before = sink.falcoStopped;
                try {
                    reader.readItem(item, root);
                } catch (LoadException e) {
                    sink.error(e.code, e.getMessage(), e.ctx);
                } catch (RuntimeException e) {
                    sink.error(Codes.ERR_VALIDATE, String.valueOf(e.getMessage()), root);
                } catch (StackOverflowError e) {
                    // beyond even the large stack: one diagnostic for the item, the rest of the file goes on
                    sink.error(Codes.ERR_COMPILE_CONDITION, "condition is nested too deeply", root);
                }
                if (!before && sink.falcoStopped && falcoState == null) falcoState = collector.copy();
            }
            if (sink.falcoStopped && falcoState == null) falcoState = collector.copy();
        }
        boolean readFailed = sink.falcoStopped;
        CompileOutput out = compile(sink);
        latest = out;
        if (!readFailed && res.successful()) last = out;
        if (falcoState != null) collector = falcoState;
        return res;
    }

    // ------------------------------------------------------------------ compilation

    private CompileOutput compile(Sink sink) {
        Map<String, Compiled.CList> lists = compileLists();
        Map<String, Compiled.CMacro> macros = new LinkedHashMap<>();
        Map<String, Compiled.CRule> rules = new LinkedHashMap<>();
        boolean failed = false;
        // macros: parse every one first (a parse error is an error even for unused macros)
        Map<String, Expr> parsed = new LinkedHashMap<>();
        macroPositions = new java.util.IdentityHashMap<>();
        for (MacroInfo m : collector.macros()) {
            try {
                parsed.put(m.name, parseCondition(m.cond, lists, m.condCtx));
                recordPositions(parsed.get(m.name), m);
            } catch (LoadException e) {
                sink.error(e.code, e.getMessage(), e.ctx);
                failed = true;
            }
        }
        // then resolve macro references, each seeing only the macros it may see
        Set<String> usedMacros = new HashSet<>();
        for (MacroInfo m : collector.macros()) {
            Expr ast = parsed.get(m.name);
            if (ast == null) continue;
            try {
                Expr resolved = resolveMacros(ast, parsed, m.visibility, m.cond.text(), m.cond, m.ctx, usedMacros);
                parsed.put(m.name, resolved);
                Compiled.CMacro cm = new Compiled.CMacro();
                cm.name = m.name;
                cm.condition = m.cond.text();
                cm.ast = resolved;
                macros.put(m.name, cm);
            } catch (LoadException e) {
                sink.error(e.code, e.getMessage(), e.ctx);
                failed = true;
            }
        }
        for (RuleInfo r : collector.rules()) {
            if (r.unknownSource) continue;
            try {
                Compiled.CRule cr = compileRule(r, lists, parsed, usedMacros, sink);
                if (cr != null) rules.put(r.name, cr);
            } catch (LoadException e) {
                sink.error(e.code, e.getMessage(), e.ctx);
                failed = true;
            }
        }
        for (Compiled.CMacro m : macros.values()) m.used = usedMacros.contains(m.name);
        if (!failed && !sink.falcoStopped) {
            for (MacroInfo m : collector.macros()) {
                if (!usedMacros.contains(m.name)) sink.warning(Codes.UNUSED_MACRO, "Macro not referred to by any other rule/macro", m.ctx);
            }
            for (ListInfo l : collector.lists()) {
                Compiled.CList cl = lists.get(l.name);
                if (cl != null && !cl.used) sink.warning(Codes.UNUSED_LIST, "List not referred to by any other rule/macro", l.ctx);
            }
        }
        return new CompileOutput(lists, macros, rules, collector.requiredEngineVersion(), collector.pluginRequirements());
    }

    private Map<String, Compiled.CList> compileLists() {
        Map<String, Compiled.CList> out = new LinkedHashMap<>();
        List<String> usedNames = new ArrayList<>();
        for (ListInfo l : collector.lists()) {
            Compiled.CList cl = new Compiled.CList();
            cl.name = l.name;
            cl.nameHasDelimiter = hasDelimiter(l.name);
            cl.items = new ArrayList<>();
            cl.rawItems = new ArrayList<>();
            cl.lists = new TreeSet<>();
            for (String item : l.items) {
                ListInfo ref = collector.lists().get(item);
                if (ref != null && ref.index < l.visibility) {
                    usedNames.add(ref.name);
                    cl.lists.add(ref.name);
                    cl.items.addAll(ref.items);
                } else {
                    cl.items.add(item);
                    cl.rawItems.add(item);
                }
            }
            out.put(l.name, cl);
        }
        for (String n : usedNames) out.get(n).used = true;
        return out;
    }

    private static boolean isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    private static boolean isDelim(char c) { return isBlank(c) || c == '(' || c == ')' || c == ',' || c == '='; }

    static String quoteItem(String e) {
        if (e.indexOf(' ') >= 0 && !(e.startsWith("\"") || e.startsWith("'"))) return "\"" + e + "\"";
        return e;
    }

    /**
     * Falco's textual list substitution: every delimited occurrence of the name is replaced.
     * Falco rewrites the whole condition at each occurrence and searches on from the end of the
     * replacement; here the rewritten text is kept as a builder ({@code out}) followed by the
     * untouched rest of the original ({@code t0[r:]}), so a condition is copied once per list
     * instead of once per occurrence (the official rules substitute lists of hundreds of items).
     * Every search starts in the untouched rest; only the blank trimming before an occurrence and
     * the origin lookup reach back into {@code out}.
     */
    static SrcText substituteList(SrcText cnd, Compiled.CList list, boolean[] used) {
        String name = list.name;
        int start = cnd.text().indexOf(name);
        if (start < 0) return cnd;
        Rewrite n = new Rewrite(cnd);
        String sub = null;
        while (start >= 0) {
            int len = n.length();
            int end = start + name.length();
            if ((start == 0 || isDelim(n.charAt(start - 1))) && (end >= len || isDelim(n.charAt(end)))) {
                int origin = n.offsetAt(start);
                String file = n.fileAt(start);
                while (start > 0 && isBlank(n.charAt(start - 1))) start--;
                while (end < len && isBlank(n.charAt(end))) end++;
                if (sub == null) sub = substitution(list);
                if (sub.isEmpty()) {
                    if (start > 0 && n.charAt(start - 1) == ',') start--;
                    else if (end < len && n.charAt(end) == ',') end++;
                }
                n.replace(start, end, start > 0, sub + " ", file, origin);
                start += sub.length() + 1;
                used[0] = true;
            }
            start = n.indexOf(name, start + 1);
        }
        return n.result();
    }

    private static String substitution(Compiled.CList list) {
        String sub = list.substitution;
        if (sub == null) {
            StringBuilder sb = new StringBuilder();
            for (String v : list.items) {
                if (!sb.isEmpty()) sb.append(", ");
                sb.append(quoteItem(v));
            }
            sub = list.substitution = sb.toString();
        }
        return sub;
    }

    /** A condition being rewritten: {@code out} (rewritten) followed by {@code t0[r:]} (original). */
    private static final class Rewrite {
        private final SrcText orig;
        private final String t0;
        private SrcText.Builder out;
        private int r;

        Rewrite(SrcText orig) {
            this.orig = orig;
            this.t0 = orig.text();
        }

        int outLen() { return out == null ? 0 : out.length(); }

        int length() { return outLen() + t0.length() - r; }

        char charAt(int i) { int o = outLen(); return i < o ? out.charAt(i) : t0.charAt(r + i - o); }

        private int off(int i) { int o = outLen(); return i < o ? out.rawOffset(i) : orig.rawOffset(r + i - o); }

        private String file(int i) { int o = outLen(); return i < o ? out.rawFile(i) : orig.rawFile(r + i - o); }

        /** As {@link SrcText#offsetAt} on the current text. */
        int offsetAt(int i) {
            int len = length();
            if (len == 0) return -1;
            if (i >= len) {
                int last = offsetAt(len - 1);
                return last < 0 ? -1 : last + 1;
            }
            int j = Math.max(0, i);
            for (int k = j; k >= 0; k--) if (off(k) >= 0) return off(k);
            for (int k = j; k < len; k++) if (off(k) >= 0) return off(k);
            return -1;
        }

        /** As {@link SrcText#fileAt} on the current text. */
        String fileAt(int i) {
            int len = length();
            if (len == 0) return null;
            int j = Math.clamp(i, 0, len - 1);
            for (int k = j; k >= 0; k--) if (off(k) >= 0) return file(k);
            for (int k = j; k < len; k++) if (off(k) >= 0) return file(k);
            return null;
        }

        /** As String.indexOf on the current text (searches start after the last replacement, in the original part). */
        int indexOf(String s, int from) {
            int o = outLen();
            if (from < o) {
                // not reached (a search starts at or after the end of {@code out}); kept exact anyway
                StringBuilder all = new StringBuilder(length());
                for (int i = 0; i < o; i++) all.append(out.charAt(i));
                return all.append(t0, r, t0.length()).indexOf(s, from);
            }
            int k = t0.indexOf(s, r + from - o);
            return k < 0 ? -1 : o + k - r;
        }

        /** text[0:start] + (" " if space) + repl (from file at origin, or synthesised) + text[end:]. */
        void replace(int start, int end, boolean space, String repl, String file, int origin) {
            if (out == null) out = new SrcText.Builder();
            int o = out.length();
            if (start <= o) out.truncate(start);
            else out.append(orig, r, r + start - o);
            if (space) out.append(" ", null, -1);
            out.append(repl, file, origin);
            r += end - o;
        }

        SrcText result() {
            if (out == null) return orig;
            out.append(orig, r, t0.length());
            return out.build();
        }
    }

    /**
     * Runs every list's substitution over a condition, in table order. A list whose name has no
     * delimiter can only match a whole word of the text, so lists whose name is not among the
     * text's words are skipped without searching (the word set is refreshed after each change).
     */
    static SrcText substituteLists(SrcText cond, Map<String, Compiled.CList> lists, boolean markUsed) {
        SrcText text = cond;
        Set<String> words = words(text.text());
        for (Compiled.CList l : lists.values()) {
            if (!l.nameHasDelimiter && !words.contains(l.name)) continue;
            boolean[] used = {false};
            text = substituteList(text, l, used);
            if (used[0]) {
                if (markUsed) l.used = true;
                // the text gained only the (quoted) items as words; keeping the words it lost is harmless,
                // the set only decides which lists are searched for
                List<String> w = l.substitutionWords;
                if (w == null) {
                    w = new ArrayList<>();
                    for (String v : l.items) addWords(quoteItem(v), w);
                    l.substitutionWords = w;
                }
                words.addAll(w);
            }
        }
        return text;
    }

    private static boolean hasDelimiter(String name) {
        for (int i = 0; i < name.length(); i++) if (isDelim(name.charAt(i))) return true;
        return name.isEmpty();
    }

    private static Set<String> words(String t) {
        Set<String> out = new HashSet<>();
        addWords(t, out);
        return out;
    }

    private static void addWords(String t, java.util.Collection<String> out) {
        int start = -1;
        for (int i = 0; i <= t.length(); i++) {
            boolean delim = i == t.length() || isDelim(t.charAt(i));
            if (delim) {
                if (start >= 0) out.add(t.substring(start, i));
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
    }

    private Expr parseCondition(SrcText cond, Map<String, Compiled.CList> lists, Context ctx) throws LoadException {
        return parseSubstituted(substituteLists(cond, lists, true), ctx);
    }

    /** Parses a condition whose lists are already substituted. */
    private static Expr parseSubstituted(SrcText text, Context ctx) throws LoadException {
        try {
            return ConditionParser.parse(text.text());
        } catch (ParseException e) {
            throw new LoadException(Codes.ERR_COMPILE_CONDITION, e.getMessage(), exprCtx(ctx, text, e.pos()));
        } catch (StackOverflowError e) {
            throw new LoadException(Codes.ERR_COMPILE_CONDITION, "condition is nested too deeply", exprCtx(ctx, text, Pos.START));
        }
    }

    private static Context exprCtx(Context parent, SrcText text, Pos p) {
        return parent.conditionExpression(text.text(), p.idx(), p.line(), p.col(), text.fileAt(p.idx()), text.offsetAt(p.idx()));
    }

    /** AST macro substitution with Falco's visibility and loop rules; returns the resolved tree. */
    private Expr resolveMacros(Expr ast, Map<String, Expr> parsed, int visibility, String condition, SrcText src,
                               Context ctx, Set<String> usedMacros) throws LoadException {
        // Looked up per reference instead of copying every visible macro for every item: the
        // copy made the whole compile quadratic in the number of macros.
        java.util.function.Function<String, Expr> visible = name -> {
            MacroInfo m = collector.macros().get(name);
            return m != null && m.index < visibility ? parsed.get(name) : null;
        };
        List<String> path = new ArrayList<>();
        List<Object[]> errors = new ArrayList<>();   // {message, pos}
        List<Object[]> unknown = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        Expr result = substitute(ast, visible, path, errors, unknown, resolved);
        if (!errors.isEmpty() || !unknown.isEmpty()) {
            Object[] first = !errors.isEmpty() ? errors.getFirst() : unknown.getFirst();
            String msg = !errors.isEmpty() ? (String) first[0] : "Undefined macro '" + first[0] + "' used in filter.";
            Pos p = (Pos) first[1];
            throw new LoadException(Codes.ERR_VALIDATE, msg,
                    ctx.conditionExpression(condition, p.idx(), p.line(), p.col(), src.fileAt(p.idx()), src.offsetAt(p.idx())));
        }
        usedMacros.addAll(resolved);
        return result;
    }

    private Expr substitute(Expr e, java.util.function.Function<String, Expr> macros, List<String> path, List<Object[]> errors,
                            List<Object[]> unknown, List<String> resolved) {
        // instanceof tests rather than a pattern switch on the start-up path: each pattern switch
        // spins a class at run time (SwitchBootstraps) that the AOT cache does not keep
        if (e instanceof Expr.And a) {
            List<Expr> c = new ArrayList<>();
            for (Expr x : a.children()) c.add(substitute(x, macros, path, errors, unknown, resolved));
            return new Expr.And(c, a.pos());
        }
        if (e instanceof Expr.Or o) {
            List<Expr> c = new ArrayList<>();
            for (Expr x : o.children()) c.add(substitute(x, macros, path, errors, unknown, resolved));
            return new Expr.Or(c, o.pos());
        }
        if (e instanceof Expr.Not n) return new Expr.Not(substitute(n.child(), macros, path, errors, unknown, resolved), n.pos());
        if (e instanceof Expr.Identifier id) {
            Expr body = macros.apply(id.name());
            if (body == null) {
                unknown.add(new Object[] {id.name(), id.pos()});
                return e;
            }
            if (path.contains(id.name())) {
                errors.add(new Object[] {"reference loop in macro '" + id.name() + "'", id.pos()});
                unknown.add(new Object[] {id.name(), id.pos()});
                return e;
            }
            path.add(id.name());
            Expr r = substitute(body, macros, path, errors, unknown, resolved);
            resolved.add(id.name());
            path.removeLast();
            return r;
        }
        return e;
    }

    private Compiled.CRule compileRule(RuleInfo r, Map<String, Compiled.CList> lists, Map<String, Expr> macros,
                                       Set<String> usedMacros, Sink sink) throws LoadException {
        SrcText condition = r.cond;
        TreeSet<String> exFields = new TreeSet<>();
        if (!r.exceptions.isEmpty()) condition = buildExceptions(r.exceptions, exFields, condition);
        String output = r.output;
        if (containerPluginLoaded() && r.source.equals("syscall")) output = output + " " + SUGGESTED_OUTPUT;
        if (output.contains("%container.info")) {
            sink.warning(Codes.DEPRECATED_ITEM, "%container.info is deprecated and no more useful, and will be dropped by Falco 1.0.0. "
                    + "The container plugin will automatically add required fields to the output message.", r.ctx);
            output = output.replace("%container.info", "");
        }
        List<OutputChecker.Token> tokens;
        try {
            tokens = OutputChecker.parse(output, resolver);
        } catch (OutputChecker.FormatException e) {
            if (isUnknownError(e.getMessage()) && r.skipIfUnknownFilter) {
                sink.warning(Codes.UNKNOWN_FILTER, e.getMessage(), outputCtx(r, e.offset));
                return null;
            }
            throw new LoadException(Codes.ERR_COMPILE_OUTPUT, e.getMessage(), outputCtx(r, e.offset));
        }
        if (output.contains("evt.dir")) {
            sink.deprecatedField("evt.dir", "usage of deprecated field 'evt.dir' has been detected in the rule output", r.outputCtx);
        }
        // condition: list substitution, parse, macros (all visible), warnings, type check
        // substituted once: the text parsed is also the one every location below refers to
        SrcText substituted = substituteLists(condition, lists, true);
        Expr ast = parseSubstituted(substituted, r.condCtx);
        ast = resolveMacros(ast, macros, Integer.MAX_VALUE, substituted.text(), substituted, r.ctx, usedMacros);
        runWarningResolver(ast, r.condCtx, sink);
        FilterChecker checker = new FilterChecker(resolver, events);
        try {
            checker.check(ast);
        } catch (CheckException e) {
            Context c = inMacro(exprCtx(r.condCtx, substituted, e.pos()), e.pos(), lists);
            if (isUnknownError(e.getMessage()) && r.skipIfUnknownFilter) {
                sink.warning(Codes.UNKNOWN_FILTER, e.getMessage(), c);
                return null;
            }
            throw new LoadException(Codes.ERR_COMPILE_CONDITION, e.getMessage(), c);
        }
        for (FilterChecker.Warning w : checker.warnings()) {
            sink.warning(Codes.COMPILE_CONDITION, w.message(), inMacro(exprCtx(r.condCtx, substituted, w.pos()), w.pos(), lists));
        }
        BitSet codes;
        try {
            codes = EventTypes.codes(ast, events);
        } catch (EventTypes.Unsupported e) {
            throw new LoadException(Codes.ERR_COMPILE_CONDITION, e.getMessage(), r.condCtx);
        }
        if (r.source.equals("syscall") && (codes.isEmpty() || codes.cardinality() > 100) && r.warnEvttypes) {
            sink.warning(Codes.NO_EVTTYPE, "Rule matches too many evt.type values. This has a significant performance penalty.", r.ctx);
        }
        Compiled.CRule cr = new Compiled.CRule();
        cr.name = r.name;
        cr.source = r.source;
        cr.conditionText = r.cond.text();
        cr.compiledConditionText = condition.text();
        cr.ast = ast;
        cr.output = r.output;
        cr.outputCompiled = output;
        cr.outputTokens = tokens;
        cr.description = r.desc;
        cr.priority = r.priority;
        cr.tags = r.tags;
        cr.enabled = r.enabled;
        cr.capture = r.capture;
        cr.captureDuration = r.captureDuration;
        codes.set(events.asyncEventCode());
        cr.events = codes;
        cr.exceptionFields = exFields;
        cr.exceptionNames = r.exceptions.stream().map(x -> x.name).toList();
        TreeSet<String> ops = new TreeSet<>();
        for (ExceptionInfo x : r.exceptions) {
            if (x.comps.isList) for (Entry c : x.comps.items) ops.add(c.item);
            else ops.add(x.comps.item);
        }
        cr.exceptionOperators = ops;
        cr.file = r.file;
        return cr;
    }

    /** Which macro each parsed node comes from (by identity of its position), for exact locations. */
    private Map<Pos, MacroInfo> macroPositions = new java.util.IdentityHashMap<>();

    private void recordPositions(Expr e, MacroInfo m) {
        Expr.forEach(e, n -> macroPositions.put(n.pos(), m));
    }

    /**
     * A problem found in a rule's expanded condition may lie in a macro's body: the context stays
     * the rule's (as Falco reports it) but the exact location moves into the macro's definition.
     */
    private Context inMacro(Context c, Pos p, Map<String, Compiled.CList> lists) {
        MacroInfo m = macroPositions.get(p);
        if (m == null) return c;
        SrcText t = substituteLists(m.cond, lists, false);
        String file = t.fileAt(p.idx());
        int off = t.offsetAt(p.idx());
        return file != null && off >= 0 ? c.withExact(file, off) : c;
    }

    /** Whether Falco would run these rules with its container plugin loaded (the option, or a rules file requires it). */
    public boolean containerPluginLoaded() {
        if (options.containerPlugin()) return true;
        if (!options.containerPluginAuto()) return false;
        for (List<Infos.PluginRequirement> group : collector.pluginRequirements()) {
            for (Infos.PluginRequirement p : group) if (p.name().equals("container")) return true;
        }
        return false;
    }

    /** The rule output location, pointing at the offending token when it is in the user's text. */
    private static Context outputCtx(RuleInfo r, int offset) {
        if (r.outputCtx == null) return r.ctx;
        if (offset >= 0 && offset < r.outputText.length() && r.outputText.text().equals(r.output.substring(0, Math.min(r.output.length(), r.outputText.length())))) {
            String file = r.outputText.fileAt(offset);
            int off = r.outputText.offsetAt(offset);
            if (file != null && off >= 0) return r.outputCtx.withExact(file, off);
        }
        return r.outputCtx;
    }

    private static boolean isUnknownError(String m) {
        return m.contains("nonexistent field") || m.contains("invalid formatting token") || m.contains("unknown event type");
    }

    private void runWarningResolver(Expr ast, Context condCtx, Sink sink) {
        boolean[] found = {false, false}; // evt.dir, <NA> on ka./jevt.
        scanWarnings(ast, found);
        if (found[1]) sink.warning(Codes.UNSAFE_NA_CHECK, "", condCtx);
        if (found[0]) sink.deprecatedField("evt.dir", EVT_DIR_DEPRECATION, condCtx);
    }

    private static void scanWarnings(Expr e, boolean[] found) {
        if (e instanceof Expr.And a) { for (Expr c : a.children()) scanWarnings(c, found); }
        else if (e instanceof Expr.Or o) { for (Expr c : o.children()) scanWarnings(c, found); }
        else if (e instanceof Expr.Not n) scanWarnings(n.child(), found);
        else if (e instanceof Expr.UnaryCheck u) scanWarnings(u.left(), found);
        else if (e instanceof Expr.Transformer t) scanWarnings(t.child(), found);
        else if (e instanceof Expr.Field f) { if (f.name().equals("evt.dir")) found[0] = true; }
        else if (e instanceof Expr.BinaryCheck b) {
            scanWarnings(b.left(), found);
            Expr l = b.left();
            while (l instanceof Expr.Transformer t) l = t.child();
            boolean unsafe = l instanceof Expr.Field f && (f.name().startsWith("ka.") || f.name().startsWith("jevt."));
            if (unsafe && Set.of("==", "=", "!=", "in", "intersects", "pmatch").contains(b.op())) {
                if (b.right() instanceof Expr.Value v && v.value().equals("<NA>")) found[1] = true;
                if (b.right() instanceof Expr.ListValue lv && lv.values().contains("<NA>")) found[1] = true;
            }
        }
    }

    /** Falco's exact textual expansion of exceptions into the condition. */
    private SrcText buildExceptions(List<ExceptionInfo> exceptions, Set<String> exFields, SrcText cond) throws LoadException {
        SrcText condition = SrcText.synthetic("(").concat(cond).concat(")");
        for (ExceptionInfo ex : exceptions) {
            StringBuilder icond = new StringBuilder();
            if (!ex.fields.isList) {
                for (Entry val : ex.values) {
                    if (val.isList) throw new LoadException(Codes.ERR_VALIDATE, "Expected values array to contain a list of strings", ex.ctx);
                    icond.append(icond.isEmpty() ? "(" + ex.fields.item + " " + ex.comps.item + " (" : ", ");
                    exFields.add(ex.fields.item);
                    icond.append(quoteItem(val.item));
                }
                if (!icond.isEmpty()) icond.append("))");
            } else {
                icond.append("(");
                for (Entry values : ex.values) {
                    int n = values.isList ? values.items.size() : 0;
                    if (ex.fields.items.size() != n) throw new LoadException(Codes.ERR_VALIDATE, "Fields and values lists must have equal length", ex.ctx);
                    if (!icond.toString().equals("(")) icond.append(" or ");
                    icond.append("(");
                    for (int k = 0; k < ex.fields.items.size(); k++) {
                        if (k > 0) icond.append(" and ");
                        Entry v = values.items.get(k);
                        String istr;
                        String comp = k < ex.comps.items.size() ? ex.comps.items.get(k).item : "=";
                        if (v.isList) {
                            StringBuilder sb = new StringBuilder("(");
                            for (Entry i : v.items) {
                                if (sb.length() > 1) sb.append(", ");
                                sb.append(quoteItem(i.item));
                            }
                            istr = sb.append(")").toString();
                        } else if (ConditionParser.LIST_OPS.contains(comp)) {
                            istr = v.item.startsWith("(") ? v.item : "(" + v.item + ")";
                        } else {
                            istr = quoteItem(v.item);
                        }
                        String field = ex.fields.items.get(k).item;
                        icond.append(" ").append(field).append(" ").append(comp).append(" ").append(istr);
                        exFields.add(field);
                    }
                    icond.append(")");
                }
                icond.append(")");
                if (icond.toString().equals("()")) icond.setLength(0);
            }
            if (!icond.isEmpty()) {
                String file = ex.ctx.last().file();
                int off = ex.ctx.last().exactOffset();
                condition = condition.concat(" and not ").concat(file == null ? SrcText.synthetic(icond.toString()) : SrcText.at(icond.toString(), file, off));
            }
        }
        return condition;
    }

    // ------------------------------------------------------------------ describe helpers

    /** The event names a rule or macro is indexed under, as falco -L prints them. */
    public Set<String> eventNames(BitSet codes) { return events.names(codes); }

    /** A syscall condition's event types as falco -L lists them (see {@link EventTable#listedNames}). */
    public Set<String> listedEventNames(BitSet codes, Expr ast) {
        BitSet sc;
        try {
            sc = EventTypes.scCodes(ast, events);
        } catch (EventTypes.Unsupported e) {
            sc = events.allSc();
        }
        return events.listedNames(codes, sc);
    }

    public BitSet macroEvents(Expr ast) {
        BitSet b;
        try {
            b = EventTypes.codes(ast, events);
        } catch (EventTypes.Unsupported e) {
            b = events.all();
        }
        b.set(events.asyncEventCode());
        return b;
    }

    public static String print(Expr e) { return AstPrinter.print(e); }
}

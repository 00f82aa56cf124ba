package dev.falcoc.compiler.report;

import dev.falcoc.compiler.diag.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, every code declared as a rule with
 * help text, repository-relative URIs under %SRCROOT%, 1-based regions, and partial
 * fingerprints that do not depend on line numbers (so edits above a finding keep its identity).
 */
public final class Sarif {
    private Sarif() {}

    /** GitHub code scanning only uses this key; it treats the value as an opaque "hash:occurrence". */
    public static final String FINGERPRINT_KEY = "primaryLocationLineHash";
    private static final Pattern LINE_NUMBERS = Pattern.compile("(line|column) \\d+");

    public static Map<String, Object> log(List<Finding> findings, String toolVersion, String srcRootUri) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>();
        List<String> codes = new ArrayList<>(RuleCatalog.codes());
        for (Finding f : findings) if (!codes.contains(f.code())) codes.add(f.code());
        for (String code : codes) {
            ruleIndex.put(code, rules.size());
            rules.add(rule(RuleCatalog.describe(code)));
        }
        Map<String, Object> driver = Json.obj();
        driver.put("name", "falcoc");
        driver.put("version", toolVersion);
        driver.put("semanticVersion", toolVersion);
        driver.put("rules", rules);
        Map<String, Object> tool = Json.obj();
        tool.put("driver", driver);

        List<Object> results = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Finding f : findings) results.add(result(f, ruleIndex.get(f.code()), seen));

        Map<String, Object> run = Json.obj();
        run.put("tool", tool);
        if (srcRootUri != null) {
            Map<String, Object> base = Json.obj();
            base.put("uri", srcRootUri);
            Map<String, Object> bases = Json.obj();
            bases.put("%SRCROOT%", base);
            run.put("originalUriBaseIds", bases);
        }
        run.put("columnKind", "utf16CodeUnits");
        run.put("results", results);
        Map<String, Object> log = Json.obj();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    public static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static Map<String, Object> rule(RuleCatalog.Rule r) {
        Map<String, Object> o = Json.obj();
        o.put("id", r.id());
        o.put("name", r.name());
        o.put("shortDescription", text(r.shortDescription()));
        o.put("fullDescription", text(r.fullDescription()));
        Map<String, Object> help = Json.obj();
        help.put("text", r.help());
        help.put("markdown", r.help());
        o.put("help", help);
        Map<String, Object> conf = Json.obj();
        conf.put("level", level(r.defaultSeverity()));
        o.put("defaultConfiguration", conf);
        Map<String, Object> props = Json.obj();
        props.put("tags", r.lint() ? List.of("falco", "falcoc-lint") : List.of("falco", "falco-load-result"));
        o.put("properties", props);
        return o;
    }

    private static Map<String, Object> text(String s) {
        Map<String, Object> o = Json.obj();
        o.put("text", s);
        return o;
    }

    private static Map<String, Object> result(Finding f, int ruleIndex, Map<String, Integer> seen) {
        Map<String, Object> o = Json.obj();
        o.put("ruleId", f.code());
        o.put("ruleIndex", ruleIndex);
        o.put("level", level(f.severity()));
        o.put("message", text(f.message() + (f.item().isEmpty() ? "" : " (" + f.item() + ")")));
        Map<String, Object> art = Json.obj();
        if (f.uri().startsWith("file:")) {
            art.put("uri", f.uri());
        } else {
            art.put("uri", encodePath(f.uri()));
            art.put("uriBaseId", "%SRCROOT%");
        }
        Map<String, Object> region = Json.obj();
        region.put("startLine", Math.max(1, f.line()));
        region.put("startColumn", Math.max(1, f.column()));
        // GitHub wants an end: the token at the position (one character at least), on the same line
        region.put("endLine", Math.max(1, f.line()));
        region.put("endColumn", Math.max(1, f.column()) + tokenLength(f));
        String line = f.sourceLine();
        if (!line.isEmpty()) {
            Map<String, Object> snippet = Json.obj();
            snippet.put("text", line);
            region.put("snippet", snippet);
        }
        Map<String, Object> phys = Json.obj();
        phys.put("artifactLocation", art);
        phys.put("region", region);
        Map<String, Object> loc = Json.obj();
        loc.put("physicalLocation", phys);
        o.put("locations", List.of(loc));
        String key = fingerprintKey(f);
        int n = seen.merge(key, 1, Integer::sum);
        Map<String, Object> fp = Json.obj();
        fp.put(FINGERPRINT_KEY, sha256(key) + ":" + n);
        fp.put("falcocFindingHash/v1", sha256(key) + ":" + n);
        o.put("partialFingerprints", fp);
        return o;
    }

    /**
     * What identifies a finding across commits: its code, file, item, message (without the line
     * numbers YAML errors quote), and the text of its line and its column in it. Identical keys
     * are told apart by their occurrence number.
     */
    static String fingerprintKey(Finding f) {
        String msg = LINE_NUMBERS.matcher(f.message()).replaceAll("$1 #");
        return f.code() + "\u0000" + f.uri() + "\u0000" + f.item() + "\u0000" + msg + "\u0000" + f.sourceLine().strip() + "\u0000" + f.column();
    }

    private static int tokenLength(Finding f) {
        String t = f.text();
        if (t == null || f.offset() < 0 || f.offset() >= t.length()) return 1;
        int end = f.offset();
        while (end < t.length() && " \t\r\n\"'(),:".indexOf(t.charAt(end)) < 0) end++;
        return Math.max(1, end - f.offset());
    }

    /** A relative path as a URI reference: each segment percent-encoded, '/' kept. */
    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        String[] segs = path.split("/", -1);
        for (int i = 0; i < segs.length; i++) {
            String seg = segs[i];
            if (i > 0) sb.append('/');
            sb.append(java.net.URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) sb.append(String.format("%02x", h[i]));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.falcoc.runtime.testing;

import dev.falcoc.compiler.report.Finding;
import dev.falcoc.compiler.report.Json;
import dev.falcoc.compiler.report.Snippets;
import dev.falcoc.runtime.testing.RuleTestRunner.CaseResult;
import dev.falcoc.runtime.testing.RuleTestRunner.FileResult;
import dev.falcoc.runtime.testing.RuleTestRunner.Report;
import dev.falcoc.runtime.testing.RuleTestRunner.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The three forms of a test report: text for people, JSON for tools, JUnit XML for CI. */
public final class TestReports {
    private TestReports() {}

    public static String text(Report r, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        for (FileResult f : r.files()) {
            for (Finding x : f.findings()) {
                sb.append(x.oneLine()).append('\n');
                if (x.text() != null && !x.text().isEmpty() && x.offset() >= 0) {
                    for (String s : Snippets.caret(x.text(), x.offset()).split("\n", -1)) sb.append("    ").append(s).append('\n');
                }
            }
            for (CaseResult c : f.cases()) {
                if (c.status() == Status.PASS && !verbose) continue;
                sb.append(c.status()).append(' ').append(f.file().path()).append(':').append(c.at().line()).append(':')
                        .append(c.at().column()).append(": ").append(c.name()).append('\n');
                for (String m : c.messages()) sb.append("    ").append(m).append('\n');
            }
        }
        long pass = r.count(Status.PASS), fail = r.count(Status.FAIL), err = r.count(Status.ERROR);
        sb.append(String.format(Locale.ROOT, "%d test file%s, %d tests: %d passed, %d failed, %d errors%s (%.1f ms)%n",
                r.files().size(), r.files().size() == 1 ? "" : "s", pass + fail + err, pass, fail, err,
                r.fileErrors() > 0 ? ", " + r.fileErrors() + " file(s) with problems" : "", r.nanos() / 1e6));
        return sb.toString();
    }

    public static String json(Report r) {
        List<Object> files = new ArrayList<>();
        for (FileResult f : r.files()) {
            Map<String, Object> o = Json.obj();
            o.put("file", f.file().path().toString());
            List<Object> diags = new ArrayList<>();
            for (Finding x : f.findings()) {
                Map<String, Object> d = Json.obj();
                d.put("severity", x.severity().label());
                d.put("code", x.code());
                d.put("message", x.message());
                d.put("file", x.path());
                d.put("line", x.line());
                d.put("column", x.column());
                diags.add(d);
            }
            o.put("diagnostics", diags);
            List<Object> cases = new ArrayList<>();
            for (CaseResult c : f.cases()) {
                Map<String, Object> t = Json.obj();
                t.put("name", c.name());
                t.put("line", c.at().line());
                t.put("column", c.at().column());
                t.put("status", c.status().name().toLowerCase(Locale.ROOT));
                t.put("messages", c.messages());
                List<Object> alerts = new ArrayList<>();
                for (RuleTestRunner.Alert a : c.alerts()) {
                    Map<String, Object> al = Json.obj();
                    al.put("rule", a.rule());
                    if (a.evtNum() > 0) al.put("evt.num", a.evtNum());
                    al.put("output", a.message());
                    Map<String, Object> fs = Json.obj();
                    a.fields().forEach((k, v) -> fs.put(k, v == null ? null : v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
                    al.put("output_fields", fs);
                    alerts.add(al);
                }
                t.put("alerts", alerts);
                t.put("time_ms", c.nanos() / 1e6);
                cases.add(t);
            }
            o.put("tests", cases);
            files.add(o);
        }
        Map<String, Object> root = Json.obj();
        root.put("files", files);
        Map<String, Object> sum = Json.obj();
        sum.put("passed", r.count(Status.PASS));
        sum.put("failed", r.count(Status.FAIL));
        sum.put("errors", r.count(Status.ERROR));
        sum.put("files_with_problems", r.fileErrors());
        sum.put("time_ms", r.nanos() / 1e6);
        root.put("summary", sum);
        return Json.write(root) + "\n";
    }

    public static String junit(Report r) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites tests=\"").append(r.count(Status.PASS) + r.count(Status.FAIL) + r.count(Status.ERROR))
                .append("\" failures=\"").append(r.count(Status.FAIL)).append("\" errors=\"").append(r.count(Status.ERROR) + r.fileErrors())
                .append("\" time=\"").append(secs(r.nanos())).append("\">\n");
        for (FileResult f : r.files()) {
            long fails = f.cases().stream().filter(c -> c.status() == Status.FAIL).count();
            long errs = f.cases().stream().filter(c -> c.status() == Status.ERROR).count();
            boolean fileProblem = f.findings().stream().anyMatch(x -> x.severity() == dev.falcoc.compiler.diag.Severity.ERROR);
            String suite = f.file().path().toString();
            sb.append("  <testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(f.cases().size() + (fileProblem ? 1 : 0))
                    .append("\" failures=\"").append(fails).append("\" errors=\"").append(errs + (fileProblem ? 1 : 0)).append("\">\n");
            if (fileProblem) {
                StringBuilder msg = new StringBuilder();
                for (Finding x : f.findings()) msg.append(x.oneLine()).append('\n');
                sb.append("    <testcase classname=\"").append(esc(suite)).append("\" name=\"(test file)\">\n      <error message=\"the test file has problems\">")
                        .append(esc(msg.toString())).append("</error>\n    </testcase>\n");
            }
            for (CaseResult c : f.cases()) {
                sb.append("    <testcase classname=\"").append(esc(suite)).append("\" name=\"").append(esc(c.name()))
                        .append("\" time=\"").append(secs(c.nanos())).append('"');
                if (c.status() == Status.PASS) {
                    sb.append("/>\n");
                    continue;
                }
                String tag = c.status() == Status.FAIL ? "failure" : "error";
                sb.append(">\n      <").append(tag).append(" message=\"").append(esc(c.messages().isEmpty() ? "" : c.messages().getFirst().lines().findFirst().orElse("")))
                        .append("\">").append(esc(String.join("\n", c.messages()))).append("</").append(tag).append(">\n    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    private static String secs(long nanos) { return String.format(Locale.ROOT, "%.4f", nanos / 1e9); }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> { if (ch >= 0x20 || ch == '\n' || ch == '\t') b.append(ch); }
            }
        }
        return b.toString();
    }
}

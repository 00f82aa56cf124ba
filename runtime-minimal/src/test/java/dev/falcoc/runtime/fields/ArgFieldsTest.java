package dev.falcoc.runtime.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.Inspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Fields that take an argument and are not in the fields oracle's dump (proc.args[N], proc.env[NAME],
 * proc.aenv[...], proc.aargs, thread.cgroup.SUBSYS, fd.types[N]), with the values libsinsp 0.22's
 * extraction gives for them on the curl_google trace (its curl runs from a bash of user ubuntu).
 */
class ArgFieldsTest {
    @Test
    void environmentValuesAsLibsinspReadsThem() {
        List<String> env = List.of("HOMEX=1", "HOME=/root", "A=  x y ", "B=", "C=   ");
        assertEquals("/root", ProcFields.envValue(env, "HOME"));
        assertEquals("1", ProcFields.envValue(env, "HOMEX"));
        assertEquals("x y", ProcFields.envValue(env, "A"));
        assertEquals("", ProcFields.envValue(env, "B"));
        assertEquals("", ProcFields.envValue(env, "C"));
        assertEquals("", ProcFields.envValue(env, "HOM"));
    }

    @Test
    void argumentFieldsOnCurlsExecve() throws Exception {
        Path trace = Path.of(System.getProperty("falcoc.shared", "../../shared")).resolve("traces/curl_google.scap");
        if (!Files.isRegularFile(trace)) {
            System.err.println("SKIPPED ArgFieldsTest: no trace at " + trace.toAbsolutePath());
            Assumptions.abort("shared traces absent");
        }
        Map<String, String> want = new LinkedHashMap<>();
        want.put("proc.args[0]", "-6");
        want.put("proc.args[1]", "http://www.google.com");
        want.put("proc.args[9]", "");
        want.put("proc.args", "-6 http://www.google.com");
        want.put("proc.aargs", "<NA>");
        want.put("proc.aargs[1]", "");
        want.put("proc.env[HOME]", "/home/ubuntu");
        want.put("proc.env[NO_SUCH_VARIABLE]", "");
        want.put("proc.aenv[USER]", "ubuntu");
        want.put("proc.aenv[NO_SUCH_VARIABLE]", "");
        want.put("thread.cgroup.cpu", "/user.slice");
        want.put("fd.types[3]", "<NA>"); // execve uses no fd: libsinsp extracts no fd field
        FieldResolver res = FieldResolver.get();
        try (Inspector in = Inspector.open(trace)) {
            Map<String, FieldResolver.Resolved> fields = new LinkedHashMap<>();
            for (String f : List.of("proc.name", "evt.type", "proc.env", "proc.env[2]", "proc.aenv", "proc.aenv[0]", "proc.aenv[1]")) fields.put(f, res.resolveExact(f));
            for (String f : want.keySet()) fields.put(f, res.resolveExact(f));
            for (var e : fields.entrySet()) assertNotNull(e.getValue(), e.getKey());
            for (Object ctx; (ctx = in.next()) != null; ) {
                if (!in.text(fields.get("evt.type"), ctx).equals("execve") || !in.text(fields.get("proc.name"), ctx).equals("curl")) continue;
                for (var w : want.entrySet()) assertEquals(w.getValue(), in.text(fields.get(w.getKey()), ctx), w.getKey());
                // a number in brackets, or none, is the whole environment; proc.aenv[1] is the parent's
                String env = in.text(fields.get("proc.env"), ctx);
                assertEquals(env, in.text(fields.get("proc.env[2]"), ctx));
                assertEquals(env, in.text(fields.get("proc.aenv"), ctx));
                assertEquals(env, in.text(fields.get("proc.aenv[0]"), ctx));
                assertEquals(true, in.text(fields.get("proc.aenv[1]"), ctx).contains("USER=ubuntu"));
                return;
            }
        }
        throw new AssertionError("no execve of curl in the trace");
    }
}

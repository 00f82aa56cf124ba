package dev.falcoc.runtime.event;

import dev.falcoc.runtime.scap.*;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;

class ConverterProbe {
    @Test
    void probe() throws Exception {
        String t = System.getProperty("probe.trace");
        if (t == null) return;
        Converter c = new Converter();
        EventSchema s = EventSchema.get();
        try (ScapReader r = ScapReader.open(Path.of(t), new ScapSink() {})) {
            RawEvent ev = new RawEvent();
            int n = 0, i = 0;
            while (r.next(ev)) {
                i++;
                String before = s.event(ev.type()).name() + (s.event(ev.type()).enter() ? ">" : "<") + ev.type() + "/" + ev.nparams();
                int res = c.convert(ev);
                if (res == Converter.PASS) n++;
                System.out.println(i + " " + (res == Converter.PASS ? "num=" + n : "DROP") + " " + before + " -> " + s.event(ev.type()).name() + ev.type() + "/" + ev.nparams() + " tid=" + ev.tid());
            }
        }
    }
}

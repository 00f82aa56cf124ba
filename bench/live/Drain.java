// Consumer-only variant for bench/live.sh (CONSUMER=drain): loads falcoc's probe tracing the state
// engine's syscalls and reads the rings the way `falcoc run` does, but hands events to no runtime.
// Separates the driver's cost (probe + ring + batched reader) from event parsing and rules.
//   java --enable-native-access=ALL-UNNAMED -cp cli/target/falcoc.jar bench/live/Drain.java
import dev.falcoc.driver.LiveCapture;
import dev.falcoc.driver.Syscalls;
import dev.falcoc.runtime.scap.RawEvent;

import java.util.List;

public class Drain {
    public static void main(String[] args) throws Exception {
        try (LiveCapture c = LiveCapture.open(Syscalls.select(List.of(), null))) {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> c.stop());
            System.err.println("falcoc: live capture started (drain only)");
            RawEvent ev = new RawEvent();
            long n = 0;
            while (c.next(ev)) n++;
            LiveCapture.Counters k = c.counters();
            System.err.println("falcoc: live capture: " + n + " events read, " + k.writtenTotal() + " written by the probe, "
                    + k.drops() + " dropped (drain only)");
        }
    }
}

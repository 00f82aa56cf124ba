package dev.falcoc.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.runtime.config.FalcoConfig;
import dev.falcoc.runtime.output.AlertFormatter;
import dev.falcoc.runtime.output.DropAlerts;
import dev.falcoc.runtime.output.DropAlerts.Counters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Falco's syscall_event_drops on synthetic driver counters: threshold, one check a second, token bucket. */
class DropAlertsTest {
    static final long S = 1_000_000_000L, T0 = 1_700_000_000L * S;

    @Test
    void dropsAboveTheThresholdActOncePerTokenAndBelowItNever() throws Exception {
        DropAlerts d = new DropAlerts(FalcoConfig.load(null, List.of()).syscallEventDrops);
        assertNull(d.check(T0, new Counters(0, 0, 0, 0, 0)));
        // 1 drop in 10,000 events = 0.01 %: below Falco's 0.1 %
        assertNull(d.check(T0 + S + 1, new Counters(10_000, 1, 1, 0, 0)));
        // within the same second nothing is looked at
        assertNull(d.check(T0 + S + 2, new Counters(20_000, 5_000, 5_000, 0, 0)));
        // next second: 5,000 more drops in 10,000 more events
        DropAlerts.Verdict v = d.check(T0 + 2 * S + 2, new Counters(20_000, 5_001, 5_000, 1, 0));
        assertEquals(new Counters(10_000, 5_000, 4_999, 1, 0), v.delta());
        assertEquals(List.of("log", "alert"), v.actions());
        assertEquals("Falco internal: syscall event drop. 5000 system calls dropped in last second.", v.message());
        // the bucket (rate 1/30 s, burst 1) is empty for the next 30 seconds of event time
        long drops = 5_001;
        for (int sec = 3; sec < 32; sec++) {
            drops += 100;
            assertNull(d.check(T0 + sec * S + 3 + sec, new Counters(sec * 10_000L, drops, drops, 1, 0)), "second " + sec);
        }
        assertTrue(d.check(T0 + 33 * S + 3 + 33, new Counters(330_000, drops + 100, drops + 100, 1, 0)) != null, "token back after 30 s");
        assertEquals(31, d.secondsWithDrops());
        assertEquals(2, d.actionsTaken());
    }

    @Test
    void dropsBeforeTheFirstEventAreNotLost() throws Exception {
        DropAlerts d = new DropAlerts(FalcoConfig.load(null, List.of()).syscallEventDrops);
        // the rings overflowed before falcoc processed anything: the first event already sees the drops
        assertNull(d.check(T0, new Counters(900_000, 800_000, 800_000, 0, 0)));
        assertEquals(800_000, d.check(T0 + S + 1, new Counters(900_100, 800_000, 800_000, 0, 0)).delta().drops());
    }

    @Test
    void configuredActionsAndThreshold() throws Exception {
        java.nio.file.Path yaml = java.nio.file.Files.createTempFile("falco", ".yaml");
        java.nio.file.Files.writeString(yaml, "syscall_event_drops:\n  actions: [alert]\n  threshold: 50\n  max_burst: 10\n  rate: 1\n");
        FalcoConfig c = FalcoConfig.load(yaml, List.of());
        DropAlerts d = new DropAlerts(c.syscallEventDrops);
        d.check(T0, new Counters(0, 0, 0, 0, 0));
        assertNull(d.check(T0 + 2 * S, new Counters(100, 40, 40, 0, 0)), "40 % is below 50 %");
        assertEquals(List.of("alert"), d.check(T0 + 4 * S, new Counters(200, 100, 100, 0, 0)).actions());
    }

    @Test
    void theAlertHasFalcosShape() throws Exception {
        FalcoConfig c = FalcoConfig.load(null, List.of("json_output=true"));
        AlertFormatter f = new AlertFormatter(c, null, "host1", dev.falcoc.compiler.schema.FieldResolver.get());
        Counters delta = new Counters(2270350, 815508, 815508, 0, 0);
        String json = f.internal(DropAlerts.RULE, DropAlerts.priority(), DropAlerts.RULE + ". 815508 system calls dropped in last second.",
                DropAlerts.fields(delta), T0 + 3).message();
        assertEquals("{\"hostname\":\"host1\",\"output\":\"Falco internal: syscall event drop. 815508 system calls dropped in last second.\","
                + "\"output_fields\":{\"ebpf_enabled\":\"1\",\"n_drops\":\"815508\",\"n_drops_buffer_total\":\"815508\",\"n_drops_bug\":\"0\","
                + "\"n_drops_max_event_size\":\"0\",\"n_drops_page_faults\":\"0\",\"n_drops_scratch_map\":\"0\",\"n_evts\":\"2270350\"},"
                + "\"priority\":\"Debug\",\"rule\":\"Falco internal: syscall event drop\",\"time\":\"2023-11-14T22:13:20.000000003Z\"}", json);
        String text = new AlertFormatter(FalcoConfig.load(null, List.of()), null, "host1", dev.falcoc.compiler.schema.FieldResolver.get())
                .internal(DropAlerts.RULE, DropAlerts.priority(), "m.", DropAlerts.fields(delta), T0 + 3).message();
        assertTrue(text.matches("\\d\\d:\\d\\d:\\d\\d\\.000000003: Debug m\\. \\(ebpf_enabled=1 n_drops=815508 n_drops_buffer_total=815508 .* n_evts=2270350\\)"), text);
    }

    @Test
    void unknownActionIsAConfigurationError() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(dev.falcoc.runtime.config.ConfigException.class,
                () -> FalcoConfig.load(null, List.of("syscall_event_drops.actions=shout")));
        assertTrue(e.getMessage().contains("unknown action \"shout\""), e.getMessage());
    }
}

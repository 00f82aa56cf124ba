package dev.falcoc.driver;

import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.event.Evt;

import java.util.List;

/** Diagnostics: prints live events (type, tid, comm, parameters count) for a few seconds. */
public final class Dump {
    public static void main(String[] args) throws Exception {
        long until = System.nanoTime() + (args.length > 0 ? Long.parseLong(args[0]) : 3) * 1_000_000_000L;
        try (LiveSession s = LiveSession.start(List.of("execve", "openat", "connect", "mount", "symlinkat"))) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < until) { try { Thread.sleep(50); } catch (InterruptedException e) { return; } }
                s.capture.stop();
            });
            t.setDaemon(true);
            t.start();
            long n = 0;
            for (Object ctx; (ctx = s.inspector.next()) != null; ) {
                Evt e = (Evt) ctx;
                n++;
                if (args.length > 1) continue;
                StringBuilder b = new StringBuilder();
                b.append(e.ts).append(' ').append(e.tid).append(' ').append(e.thread == null ? "?" : e.thread.comm).append(' ')
                        .append(Inspector.eventName(e.type)).append(' ');
                for (int i = 0; i < e.nparams; i++) {
                    EventSchemaArg.append(b, e, i);
                }
                System.out.println(b);
            }
            LiveCapture.Counters c = s.capture.counters();
            System.out.println("events " + n + " written " + c.writtenTotal() + " drops " + c.drops());
        }
    }

    private static final class EventSchemaArg {
        static void append(StringBuilder b, Evt e, int i) {
            String name = e.info.params()[i].name();
            b.append(name).append('=');
            switch (e.ptype(i)) {
                case CHARBUF, FSPATH, FSRELPATH -> b.append(e.str(i));
                case BYTEBUF -> b.append(String.join(" ", e.strList(i)));
                case SOCKADDR, SOCKTUPLE -> b.append(java.util.HexFormat.of().formatHex(e.bytes(i)));
                default -> b.append(e.num(i));
            }
            b.append(' ');
        }
    }
}

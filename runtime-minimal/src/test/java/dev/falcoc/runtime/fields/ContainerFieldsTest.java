package dev.falcoc.runtime.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.state.State;
import dev.falcoc.runtime.state.ThreadInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * container.label[KEY], container.labels and container.mount* from a container's metadata, as the
 * container plugin extracts them (the traces carry no mounts and one label, so these use a made-up
 * container event).
 */
class ContainerFieldsTest {
    static final String ID = "697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a488994f3";

    static Evt event(String containerJson) {
        State st = new State();
        if (containerJson != null) st.container(containerJson);
        ThreadInfo t = new ThreadInfo();
        t.cgroups = List.of("cpu=/docker/" + ID);
        Evt e = new Evt();
        e.st = st;
        e.thread = t;
        return e;
    }

    static String text(String field, Evt e) throws Exception {
        return new SyscallFieldBinder().field(FieldResolver.get().resolveExact(field)).text(e);
    }

    @Test
    void labelsAndMountsOfAKnownContainer() throws Exception {
        Evt e = event("""
                {"container":{"id":"697956520d89","labels":{"zeta":"z","maintainer":"me","empty":"",
                 "io.kubernetes.pod.name":"p","annotation.x":"a"},
                 "Mounts":[{"Source":"/var/lib/data","Destination":"/data","Mode":"ro","RW":false,"Propagation":"rprivate"},
                           {"Source":"/etc/cfg","Destination":"/cfg","Mode":"","RW":true,"Propagation":""}]}}""");
        expect(e,
                // sorted by key, without the internal ones, a label without value as its key alone
                "container.labels", "empty, maintainer:me, zeta:z",
                "container.label[maintainer]", "me",
                "container.label[io.kubernetes.pod.name]", "p",
                "container.label[nope]", "<NA>",
                "container.mounts", "/var/lib/data:/data:ro:false:rprivate,/etc/cfg:/cfg::true:",
                "container.mount[1]", "/etc/cfg:/cfg::true:",
                "container.mount[2]", "<NA>",
                // by path glob: mount.source looks among destinations, the others among sources
                "container.mount.source[/da*]", "/var/lib/data",
                "container.mount.dest[/etc/*]", "/cfg",
                "container.mount.mode[0]", "ro",
                "container.mount.rdwr[/etc/cfg]", "true",
                "container.mount.propagation[/var/*]", "rprivate");
    }

    /** Asserts the text of each field (even positions) against its expected text (odd positions). */
    static void expect(Evt e, String... fieldsAndTexts) throws Exception {
        for (int i = 0; i < fieldsAndTexts.length; i += 2) {
            assertEquals(fieldsAndTexts[i + 1], text(fieldsAndTexts[i], e), fieldsAndTexts[i]);
        }
    }

    @Test
    void withoutMetadataThePluginGivesEmptyValues() throws Exception {
        expect(event(null), "container.label[maintainer]", "", "container.mount[0]", "", "k8s.pod.name", "",
                "container.id", "697956520d89");
    }
}

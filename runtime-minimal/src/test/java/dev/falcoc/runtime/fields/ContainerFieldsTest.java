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
        // sorted by key, without the internal ones, a label without value as its key alone
        assertEquals("empty, maintainer:me, zeta:z", text("container.labels", e));
        assertEquals("me", text("container.label[maintainer]", e));
        assertEquals("p", text("container.label[io.kubernetes.pod.name]", e));
        assertEquals("<NA>", text("container.label[nope]", e));
        assertEquals("/var/lib/data:/data:ro:false:rprivate,/etc/cfg:/cfg::true:", text("container.mounts", e));
        assertEquals("/etc/cfg:/cfg::true:", text("container.mount[1]", e));
        assertEquals("<NA>", text("container.mount[2]", e));
        // by path glob: mount.source looks among destinations, the others among sources
        assertEquals("/var/lib/data", text("container.mount.source[/da*]", e));
        assertEquals("/cfg", text("container.mount.dest[/etc/*]", e));
        assertEquals("ro", text("container.mount.mode[0]", e));
        assertEquals("true", text("container.mount.rdwr[/etc/cfg]", e));
        assertEquals("rprivate", text("container.mount.propagation[/var/*]", e));
    }

    @Test
    void withoutMetadataThePluginGivesEmptyValues() throws Exception {
        Evt e = event(null);
        assertEquals("", text("container.label[maintainer]", e));
        assertEquals("", text("container.mount[0]", e));
        assertEquals("", text("k8s.pod.name", e));
        assertEquals("697956520d89", text("container.id", e));
    }
}

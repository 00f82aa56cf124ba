package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.ir.Glob;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.state.ThreadInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.falcoc.runtime.fields.SyscallFieldBinder.*;

/** container.* and k8s.* (what the container plugin gives without a runtime to ask). */
final class ContainerFields {
    private ContainerFields() {}

    static Field field(String name, FieldResolver.Resolved r, FieldType t, String fmt) {
        if (name.startsWith("k8s.")) {
            return switch (name) {
                case "k8s.pod.sandbox_id", "k8s.pod.full_sandbox_id", "k8s.pod.ip", "k8s.pod.cni.json", "k8s.pod.labels" ->
                        f(t, fmt, e -> e.thread == null ? null : "");
                // from labels the traces' container metadata never has: no value, or "" while the
                // container's metadata is unknown (as every plugin field then)
                default -> f(t, fmt, e -> {
                    String id = fullId(e);
                    return id != null && unknown(e, id) ? "" : null;
                });
            };
        }
        if (!name.startsWith("container.") && !name.startsWith("proc.is_container")) return null;
        return switch (name) {
            case "container.id" -> f(t, fmt, e -> { String id = fullId(e); return id == null ? null : id.equals("host") ? id : id.substring(0, Math.min(12, id.length())); });
            case "container.full_id" -> meta(t, fmt, "full_id", "host", null);
            case "container.name" -> meta(t, fmt, "name", "host", "");
            case "container.type" -> f(t, fmt, e -> {
                String id = fullId(e);
                if (id == null) return null;
                if (id.equals("host")) return "host";
                Map<String, Object> c = info(e, id);
                if (c != null && c.get("type") instanceof Long ty) return TYPES[(int) Math.max(0, Math.min(TYPES.length - 1, ty))];
                return engine(e.thread);
            });
            case "container.image" -> meta(t, fmt, "image", "", "");
            case "container.image.id" -> meta(t, fmt, "imageid", "", "");
            case "container.image.repository" -> meta(t, fmt, "imagerepo", "", "");
            case "container.image.tag" -> meta(t, fmt, "imagetag", "", "");
            case "container.image.digest" -> meta(t, fmt, "imagedigest", "", "");
            case "container.ip" -> meta(t, fmt, "ip", "", "");
            case "container.privileged" -> f(t, fmt, e -> {
                String id = fullId(e);
                if (id == null) return null;
                Map<String, Object> c = info(e, id);
                return c != null && Boolean.TRUE.equals(c.get("privileged"));
            });
            case "container.labels" -> f(t, fmt, e -> {
                String id = fullId(e);
                if (id == null) return null;
                // the plugin keeps labels sorted by key, leaves out annotation.* and io.kubernetes.*
                // ones, and prints a label without a value as its key alone
                StringBuilder b = new StringBuilder();
                for (Map.Entry<String, String> x : labels(e, id).entrySet()) {
                    if (x.getKey().startsWith("annotation.") || x.getKey().startsWith("io.kubernetes.")) continue;
                    if (!b.isEmpty()) b.append(", ");
                    b.append(x.getKey());
                    if (!x.getValue().isEmpty()) b.append(':').append(x.getValue());
                }
                return b.toString();
            });
            case "container.label" -> f(t, fmt, e -> {
                String id = fullId(e);
                if (id == null) return null;
                if (unknown(e, id)) return ""; // no metadata yet: the plugin gives ""
                return r.arg() == null ? null : labels(e, id).get(r.arg());
            });
            case "container.mount", "container.mount.source", "container.mount.dest", "container.mount.mode",
                 "container.mount.rdwr", "container.mount.propagation" -> mount(name, r.arg(), t, fmt);
            case "container.mounts" -> f(t, fmt, e -> {
                String id = fullId(e);
                if (id == null) return null;
                StringBuilder b = new StringBuilder();
                for (Map<?, ?> m : mounts(e, id)) b.append(b.isEmpty() ? "" : ",").append(mountText(m));
                return b.toString();
            });
            case "container.cni.json" -> f(t, fmt, e -> fullId(e) == null ? null : "");
            case "container.host_pid", "container.host_network", "container.host_ipc" -> f(t, fmt, e -> fullId(e) == null ? null : false);
            case "container.healthcheck", "container.liveness_probe", "container.readiness_probe" -> f(t, fmt, e -> fullId(e) == null ? null : "NONE");
            default -> f(t, fmt, e -> null);
        };
    }

    /** The metadata of a container (null on the host or while unknown). */
    private static Map<String, Object> metadata(Evt e, String id) {
        return id.equals("host") ? null : info(e, id);
    }

    /** A container whose metadata has not come yet: the plugin then gives "" for its fields. */
    private static boolean unknown(Evt e, String id) {
        return !id.equals("host") && info(e, id) == null;
    }

    /** The container's labels by key (sorted, as the plugin's std::map); none on the host or without metadata. */
    static Map<String, String> labels(Evt e, String id) {
        Map<String, String> out = new TreeMap<>();
        Map<String, Object> c = metadata(e, id);
        if (c != null && c.get("labels") instanceof Map<?, ?> l) {
            for (Map.Entry<?, ?> x : l.entrySet()) out.put(String.valueOf(x.getKey()), x.getValue() == null ? "" : String.valueOf(x.getValue()));
        }
        return out;
    }

    /** The container's mounts as its metadata lists them ("Mounts": Source, Destination, Mode, RW, Propagation). */
    static List<Map<?, ?>> mounts(Evt e, String id) {
        Map<String, Object> c = metadata(e, id);
        List<Map<?, ?>> out = new ArrayList<>();
        if (c != null && c.get("Mounts") instanceof List<?> l) for (Object o : l) if (o instanceof Map<?, ?> m) out.add(m);
        return out;
    }

    private static String str(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    /** A mount as the plugin prints it: source:dest:mode:rdwr:propagation. */
    static String mountText(Map<?, ?> m) {
        return str(m, "Source") + ":" + str(m, "Destination") + ":" + str(m, "Mode") + ":" + Boolean.TRUE.equals(m.get("RW")) + ":" + str(m, "Propagation");
    }

    /**
     * container.mount* [index or path glob]: mount.source looks the glob up among destinations, the
     * others among sources; the first match, no value when none (or "" without metadata).
     */
    static Field mount(String name, String arg, FieldType t, String fmt) {
        return f(t, fmt, e -> {
            String id = fullId(e);
            if (id == null || arg == null) return null;
            if (unknown(e, id)) return "";
            List<Map<?, ?>> all = mounts(e, id);
            Map<?, ?> m = null;
            if (digits(arg)) {
                int i = index(arg); // -1 past int: no such mount either
                m = i >= 0 && i < all.size() ? all.get(i) : null;
            } else {
                String key = name.equals("container.mount.source") ? "Destination" : "Source";
                for (Map<?, ?> x : all) if (Glob.match(arg, str(x, key), false)) { m = x; break; }
            }
            if (m == null) return null;
            return switch (name) {
                case "container.mount" -> mountText(m);
                case "container.mount.source" -> str(m, "Source");
                case "container.mount.dest" -> str(m, "Destination");
                case "container.mount.mode" -> str(m, "Mode");
                case "container.mount.rdwr" -> String.valueOf(Boolean.TRUE.equals(m.get("RW")));
                default -> str(m, "Propagation");
            };
        });
    }

    private static final String[] TYPES = {"docker", "lxc", "libvirt-lxc", "mesos", "rkt", "custom", "cri", "containerd", "cri-o", "bpm", "static", "podman"};

    static Map<String, Object> info(Evt e, String fullId) {
        return e.st.containers.get(fullId.length() > 12 ? fullId.substring(0, 12) : fullId);
    }

    /** A metadata string: {@code host} on the host, the event's value when known, {@code unknown} otherwise (null = the full id). */
    static Field meta(FieldType t, String fmt, String key, String host, String unknown) {
        return f(t, fmt, e -> {
            String id = fullId(e);
            if (id == null) return null;
            if (id.equals("host")) return host;
            Map<String, Object> c = info(e, id);
            if (c == null) return unknown == null ? id : unknown;
            return c.get(key) instanceof String s ? s : "";
        });
    }

    /** Short container id as fd.containername prefixes it ("" on the host). */
    static String shortId(Evt e) {
        if (!e.st.containerPlugin) return "";
        String id = fullId(e);
        return id == null || id.equals("host") ? "" : id.substring(0, Math.min(12, id.length()));
    }

    /** The container id from the thread's cgroups (a 64-hex id in a path), "host" when none. */
    static String fullId(Evt e) {
        ThreadInfo x = e.thread;
        if (x == null) return null;
        for (String c : x.cgroups) {
            String id = idFrom(c);
            if (id != null) return id;
        }
        return "host";
    }

    static String idFrom(String cg) {
        int n = cg.length();
        for (int i = 0; i + 64 <= n; i++) {
            if (!hex(cg.charAt(i))) continue;
            int j = i;
            while (j < n && hex(cg.charAt(j))) j++;
            if (j - i == 64 && (i == 0 || !hex(cg.charAt(i - 1)))) return cg.substring(i, j);
            i = j;
        }
        return null;
    }

    /** Without metadata the engine shows in the cgroup path (docker, cri-o, containerd, podman). */
    static String engine(ThreadInfo x) {
        for (String c : x.cgroups) {
            if (c.contains("crio-")) return "cri-o";
            if (c.contains("cri-containerd-")) return "containerd";
            if (c.contains("libpod-")) return "podman";
            if (c.contains("/docker/") || c.contains("docker-")) return "docker";
        }
        return "";
    }

    static boolean hex(char c) { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f'; }
}

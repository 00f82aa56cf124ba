package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.state.ThreadInfo;

import java.util.Map;

import static dev.falcoc.runtime.fields.SyscallFieldBinder.*;

/** container.* and k8s.* (what the container plugin gives without a runtime to ask). */
final class ContainerFields {
    private ContainerFields() {}

    static Field field(String name, FieldResolver.Resolved r, FieldType t, String fmt) {
        if (name.startsWith("k8s.")) {
            return switch (name) {
                case "k8s.pod.sandbox_id", "k8s.pod.full_sandbox_id", "k8s.pod.ip", "k8s.pod.cni.json", "k8s.pod.labels" ->
                        f(t, fmt, e -> e.thread == null ? null : "");
                default -> f(t, fmt, e -> null);
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
                Map<String, Object> c = info(e, id);
                if (c == null || !(c.get("labels") instanceof Map<?, ?> l)) return "";
                StringBuilder b = new StringBuilder();
                for (Map.Entry<?, ?> x : l.entrySet()) {
                    if (!b.isEmpty()) b.append(", ");
                    b.append(x.getKey()).append(':').append(x.getValue());
                }
                return b.toString();
            });
            case "container.mounts", "container.cni.json" -> f(t, fmt, e -> fullId(e) == null ? null : "");
            case "container.host_pid", "container.host_network", "container.host_ipc" -> f(t, fmt, e -> fullId(e) == null ? null : false);
            case "container.healthcheck", "container.liveness_probe", "container.readiness_probe" -> f(t, fmt, e -> fullId(e) == null ? null : "NONE");
            default -> f(t, fmt, e -> null);
        };
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

package dev.falcoc.compiler.load;

import dev.falcoc.compiler.diag.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** What the reader hands to the collector, item by item (Falco's *_info structures). */
public final class Infos {
    private Infos() {}

    /** Shared by everything the collector keeps in its name-indexed, ordered tables. */
    public abstract static class Indexed {
        public String name;
        public Context ctx;
        public int index;
        public int visibility;
    }

    public static final class ListInfo extends Indexed {
        public final List<String> items = new ArrayList<>();
        public final List<Integer> itemOffsets = new ArrayList<>();
        public String file;
    }

    public static final class MacroInfo extends Indexed {
        public SrcText cond = SrcText.EMPTY;
        public Context condCtx;
    }

    public static final class ExceptionInfo {
        public String name = "";
        public Entry fields = new Entry();
        public Entry comps = new Entry();
        public final List<Entry> values = new ArrayList<>();
        public Context ctx;

        public ExceptionInfo copy() {
            ExceptionInfo e = new ExceptionInfo();
            e.name = name;
            e.fields = fields.copy();
            e.comps = comps.copy();
            for (Entry v : values) e.values.add(v.copy());
            e.ctx = ctx;
            return e;
        }
    }

    public static final class RuleInfo extends Indexed {
        public SrcText cond = SrcText.EMPTY;
        public Context condCtx;
        public String output = "";
        public SrcText outputText = SrcText.EMPTY;
        public Context outputCtx;
        public String desc = "";
        public Priority priority = Priority.DEBUG;
        public String source = "";
        public boolean enabled = true;
        public boolean capture;
        public long captureDuration;
        public boolean warnEvttypes = true;
        public boolean skipIfUnknownFilter;
        public TreeSet<String> tags = new TreeSet<>();
        public List<ExceptionInfo> exceptions = new ArrayList<>();
        public boolean unknownSource;
        /** Where the rule was first defined (for lints and the editor). */
        public String file;
    }

    /** An append or selective replace: only the keys that were given are present. */
    public static final class RuleUpdateInfo {
        public String name;
        public Context ctx;
        public String source = "";
        public Optional<SrcText> cond = Optional.empty();
        public Context condCtx;
        public Optional<String> output = Optional.empty();
        public Optional<String> desc = Optional.empty();
        public Optional<TreeSet<String>> tags = Optional.empty();
        public Optional<List<ExceptionInfo>> exceptions = Optional.empty();
        public Optional<Priority> priority = Optional.empty();
        public Optional<Boolean> capture = Optional.empty();
        public Optional<Long> captureDuration = Optional.empty();
        public Optional<Boolean> enabled = Optional.empty();
        public Optional<Boolean> warnEvttypes = Optional.empty();
        public Optional<Boolean> skipIfUnknownFilter = Optional.empty();

        public boolean hasAnyValue() {
            return cond.isPresent() || output.isPresent() || desc.isPresent() || tags.isPresent()
                    || exceptions.isPresent() || priority.isPresent() || capture.isPresent()
                    || captureDuration.isPresent() || enabled.isPresent() || warnEvttypes.isPresent()
                    || skipIfUnknownFilter.isPresent();
        }
    }

    public record PluginRequirement(String name, String version) {}
}

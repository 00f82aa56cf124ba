package dev.falcoc.compiler.report;

/** GitHub Actions workflow commands: one "::error file=..,line=..,col=..,title=CODE::message" per finding. */
public final class GithubCommands {
    private GithubCommands() {}

    public static String format(Finding f) {
        String cmd = switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
        };
        String msg = f.message() + (f.item().isEmpty() ? "" : " (" + f.item() + ")");
        return "::" + cmd + " file=" + property(f.uri()) + ",line=" + f.line() + ",col=" + f.column()
                + ",title=" + property(f.code()) + "::" + data(msg);
    }

    /** The escaping the runner applies to a command's message. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Property values also escape the separators ':' and ','. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}

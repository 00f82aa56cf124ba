package dev.falcoc.cli;

/** Entry point of the falcoc command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = Cli.run(args, new java.io.PrintWriter(System.out, false), new java.io.PrintWriter(System.err, true));
        System.out.flush();
        System.exit(code);
    }
}

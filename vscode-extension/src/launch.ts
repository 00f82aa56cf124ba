// How the server and the CLI are started: one function, used by the extension and by the
// end-to-end test, so the test runs the server exactly as VS Code does.
import * as path from 'path';

export interface JavaCommand {
  command: string;
  args: string[];
}

/** The jar the build copies into the extension (cli/target/falcoc.jar, a runnable shaded jar). */
export function bundledJar(extensionRoot: string): string {
  return path.join(extensionRoot, 'server', 'falcoc.jar');
}

/** `java [args] -jar falcoc.jar lsp --stdio`: the language server on stdin/stdout. */
export function serverCommand(java: string, jar: string, javaArgs: string[] = []): JavaCommand {
  return { command: java, args: [...javaArgs, '-jar', jar, 'lsp', '--stdio'] };
}

/** `java [args] -jar falcoc.jar <cli args>`: the falcoc command line from the same jar. */
export function cliCommand(java: string, jar: string, javaArgs: string[], cliArgs: string[]): JavaCommand {
  return { command: java, args: [...javaArgs, '-jar', jar, ...cliArgs] };
}

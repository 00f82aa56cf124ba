// Finds a Java 25+ runtime for the server: the falcoc.java.home setting, then JAVA_HOME, then
// `java` on PATH. Pure logic over an injected probe, so it is unit-testable without VS Code.
import * as path from 'path';
import * as fs from 'fs';
import * as cp from 'child_process';

export const REQUIRED_MAJOR = 25;

export type JavaSource = 'falcoc.java.home' | 'JAVA_HOME' | 'PATH';

export interface JavaProbe {
  env: Record<string, string | undefined>;
  platform: string;
  isFile(p: string): boolean;
  readFile(p: string): string | undefined;
  realpath(p: string): string;
  /** The output (stderr and stdout) of `java -version`, undefined when it cannot run. */
  javaVersionOutput(javaExe: string): string | undefined;
}

export interface JavaCandidate {
  source: JavaSource;
  /** What the source named (a home directory, or the java found on PATH). */
  origin: string;
  java?: string;
  home?: string;
  version?: string;
  major?: number;
  problem?: string;
}

export interface JavaSearch {
  found?: JavaCandidate;
  tried: JavaCandidate[];
}

/** JAVA_VERSION="25.0.1" from a JDK's `release` file. */
export function parseReleaseFile(text: string): string | undefined {
  const m = /^JAVA_VERSION="?([^"\r\n]+)"?\s*$/m.exec(text);
  return m ? m[1].trim() : undefined;
}

/** The version in `java -version` output: `openjdk version "25.0.1" 2025-10-21` → 25.0.1. */
export function parseJavaVersionOutput(text: string): string | undefined {
  const m = /version "([^"]+)"/.exec(text);
  return m ? m[1] : undefined;
}

/** Feature release of a version string: 1.8.0_392 → 8, 25.0.1 → 25, 25-ea → 25. */
export function majorOf(version: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  if (first === 1 && m[2] !== undefined) return Number(m[2]);
  return first;
}

function exeName(platform: string): string {
  return platform === 'win32' ? 'java.exe' : 'java';
}

/** Examines one Java home: java executable present, version from `release` or `java -version`. */
export function examineHome(source: JavaSource, home: string, probe: JavaProbe, origin = home): JavaCandidate {
  const c: JavaCandidate = { source, origin, home };
  const java = path.join(home, 'bin', exeName(probe.platform));
  if (!probe.isFile(java)) {
    c.problem = `no ${path.join('bin', exeName(probe.platform))} in ${home}`;
    return c;
  }
  c.java = java;
  const release = probe.readFile(path.join(home, 'release'));
  let version = release !== undefined ? parseReleaseFile(release) : undefined;
  if (version === undefined) {
    const out = probe.javaVersionOutput(java);
    version = out !== undefined ? parseJavaVersionOutput(out) : undefined;
  }
  if (version === undefined) {
    c.problem = `cannot tell the Java version of ${java}`;
    return c;
  }
  c.version = version;
  c.major = majorOf(version);
  if (c.major === undefined || c.major < REQUIRED_MAJOR) {
    c.problem = `Java ${version} is too old (falcoc needs Java ${REQUIRED_MAJOR} or later)`;
  }
  return c;
}

/** The first `java` on PATH, resolved through symlinks (e.g. /usr/bin/java → /usr/lib/jvm/.../bin/java). */
export function javaOnPath(probe: JavaProbe): string | undefined {
  const p = probe.env.PATH ?? probe.env.Path ?? '';
  const sep = probe.platform === 'win32' ? ';' : ':';
  for (const dir of p.split(sep)) {
    if (!dir) continue;
    const candidate = path.join(dir, exeName(probe.platform));
    if (probe.isFile(candidate)) return candidate;
  }
  return undefined;
}

export function findJava(settingHome: string | undefined, probe: JavaProbe): JavaSearch {
  const tried: JavaCandidate[] = [];
  const accept = (c: JavaCandidate): JavaSearch | undefined => {
    tried.push(c);
    return c.problem === undefined ? { found: c, tried } : undefined;
  };
  const setting = settingHome?.trim();
  if (setting) {
    const r = accept(examineHome('falcoc.java.home', setting, probe));
    if (r) return r;
  }
  const javaHome = probe.env.JAVA_HOME?.trim();
  if (javaHome) {
    const r = accept(examineHome('JAVA_HOME', javaHome, probe));
    if (r) return r;
  }
  const onPath = javaOnPath(probe);
  if (onPath) {
    let real = onPath;
    try { real = probe.realpath(onPath); } catch { /* keep the PATH entry */ }
    const home = path.dirname(path.dirname(real));
    const r = accept(examineHome('PATH', home, probe, onPath));
    if (r) return r;
  } else {
    tried.push({ source: 'PATH', origin: 'PATH', problem: 'no java on PATH' });
  }
  return { tried };
}

/** One message saying what was looked at and why nothing fits. */
export function noJavaMessage(search: JavaSearch): string {
  const lines = search.tried.map(c => `${c.source}${c.origin !== c.source ? ` (${c.origin})` : ''}: ${c.problem}`);
  return `falcoc needs Java ${REQUIRED_MAJOR} or later to run its language server, and none was found. `
    + `Set "falcoc.java.home" to a JDK ${REQUIRED_MAJOR} home (or JAVA_HOME, or put java on PATH). Looked at: `
    + lines.join('; ') + '.';
}

/** A warning when the configured setting was not usable and a fallback was taken. */
export function fallbackWarning(search: JavaSearch): string | undefined {
  const first = search.tried[0];
  if (search.found && first && first.source === 'falcoc.java.home' && first !== search.found) {
    return `falcoc.java.home (${first.origin}) is not usable: ${first.problem}. Using ${search.found.java} from ${search.found.source}.`;
  }
  return undefined;
}

/** The probe over the real machine. */
export function systemProbe(env: Record<string, string | undefined> = process.env): JavaProbe {
  return {
    env,
    platform: process.platform,
    isFile: p => { try { return fs.statSync(p).isFile(); } catch { return false; } },
    readFile: p => { try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; } },
    realpath: p => fs.realpathSync(p),
    javaVersionOutput: exe => {
      const r = cp.spawnSync(exe, ['-version'], { encoding: 'utf8', timeout: 10000 });
      if (r.error) return undefined;
      return `${r.stderr ?? ''}${r.stdout ?? ''}`;
    },
  };
}

// The extension's settings and how they map to what the falcoc server and CLI read. No vscode import:
// the extension passes a getter over its WorkspaceConfiguration.
import * as path from 'path';

export type Trace = 'off' | 'messages' | 'verbose';

export interface FalcocSettings {
  javaHome: string;
  javaArgs: string[];
  serverJar: string;
  base: string[];
  rules: string[];
  engineVersion: string;
  files: string[];
  detectByContent: boolean;
  helmCheck: boolean;
  debounceMs: number;
  trace: Trace;
}

/** get(key, default) reads `falcoc.<key>`. */
export type Getter = <T>(key: string, fallback: T) => T;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string').map(s => s.trim()).filter(s => s.length > 0);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

export function readSettings(get: Getter): FalcocSettings {
  const trace = get<string>('trace.server', 'off');
  const debounce = Number(get<number>('debounceMs', 20));
  return {
    javaHome: str(get('java.home', '')),
    javaArgs: strings(get('java.args', [])),
    serverJar: str(get('server.jar', '')),
    base: strings(get('chain.base', [])),
    rules: strings(get('chain.rules', [])),
    engineVersion: str(get('engineVersion', '')),
    files: strings(get('files', [])),
    detectByContent: get<boolean>('detectByContent', true) !== false,
    helmCheck: get<boolean>('helm.check', true) !== false,
    debounceMs: Number.isFinite(debounce) && debounce >= 0 ? Math.floor(debounce) : 20,
    trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
  };
}

/** Expands ${workspaceFolder}, ${userHome} and a leading ~, and makes the path absolute against the workspace folder. */
export function expandPath(p: string, root: string | undefined, home: string | undefined): string {
  let s = p.trim();
  if (root) s = s.split('${workspaceFolder}').join(root);
  if (home) {
    s = s.split('${userHome}').join(home);
    if (s === '~' || s.startsWith('~/') || s.startsWith('~\\')) s = home + s.slice(1);
  }
  if (root && !path.isAbsolute(s) && !s.includes('${')) s = path.join(root, s);
  return s;
}

export function chainIsSet(s: FalcocSettings): boolean {
  return s.base.length > 0 || s.rules.length > 0;
}

/**
 * What the server reads (initializationOptions and workspace/didChangeConfiguration): an object
 * under "falcoc" with the chain as `base`/`rules` and `debounceMs`. With no chain in the settings,
 * `base`/`rules` are left out so the server reads falcoc.yaml at the workspace root instead.
 * `engineVersion` is sent too, for servers that read it (the current one ignores it).
 */
export function serverSettings(s: FalcocSettings, root: string | undefined, home: string | undefined): { falcoc: Record<string, unknown> } {
  const o: Record<string, unknown> = { debounceMs: s.debounceMs };
  if (chainIsSet(s)) {
    o.base = s.base.map(p => expandPath(p, root, home));
    o.rules = s.rules.map(p => expandPath(p, root, home));
  }
  if (s.engineVersion) o.engineVersion = s.engineVersion;
  return { falcoc: o };
}

/**
 * How a settings change reaches the server: nothing, a didChangeConfiguration, or a restart
 * (a new Java or jar, or a chain removed: the server then has to re-read falcoc.yaml, which it
 * does only when it starts).
 */
export function changeAction(before: FalcocSettings, after: FalcocSettings): 'none' | 'notify' | 'restart' {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (before.javaHome !== after.javaHome || !same(before.javaArgs, after.javaArgs) || before.serverJar !== after.serverJar) return 'restart';
  if (chainIsSet(before) && !chainIsSet(after)) return 'restart';
  if (!same(before.base, after.base) || !same(before.rules, after.rules) || before.debounceMs !== after.debounceMs
      || before.engineVersion !== after.engineVersion) return 'notify';
  return 'none';
}

/**
 * Arguments of `falcoc check` for the workspace: the settings' chain (base as --base), else the
 * project file falcoc.yaml when present (no FILE arguments: falcoc reads it from the current
 * directory), else the given rules files.
 */
export function checkArgs(s: FalcocSettings, root: string | undefined, home: string | undefined,
                          opts: { hasProjectFile: boolean; files: string[] }): string[] | undefined {
  const args = ['check', '--no-snippet', '--format', 'text'];
  if (s.engineVersion) args.push('--engine-version', s.engineVersion);
  if (chainIsSet(s)) {
    for (const b of s.base) args.push('--base', expandPath(b, root, home));
    const base = new Set(s.base.map(b => expandPath(b, root, home)));
    const rules = s.rules.length > 0 ? s.rules.map(p => expandPath(p, root, home)) : opts.files.filter(f => !base.has(f));
    if (rules.length === 0) return undefined;
    return args.concat(rules);
  }
  if (opts.hasProjectFile) return args;
  if (opts.files.length === 0) return undefined;
  return args.concat(opts.files);
}

/**
 * `base` and `rules` of a falcoc.yaml project file (block lists, flow lists or single scalars).
 * Only these two keys matter to the editor; the server and the CLI read the file themselves.
 */
export function parseProjectFile(text: string): { base: string[]; rules: string[] } {
  const out: { base: string[]; rules: string[] } = { base: [], rules: [] };
  const lines = text.split(/\r?\n/);
  const scalar = (v: string) => {
    const s = v.replace(/\s+#.*$/, '').trim();
    if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
    return s;
  };
  for (let i = 0; i < lines.length; i++) {
    const m = /^(base|rules)[ \t]*:[ \t]*(.*)$/.exec(lines[i]);
    if (!m) continue;
    const key = m[1] as 'base' | 'rules';
    const rest = m[2].replace(/\s+#.*$/, '').trim();
    if (rest.startsWith('[')) {
      out[key] = rest.replace(/^\[|\]$/g, '').split(',').map(scalar).filter(s => s.length > 0);
    } else if (rest) {
      out[key] = [scalar(rest)];
    } else {
      for (let j = i + 1; j < lines.length; j++) {
        const item = /^[ \t]+-[ \t]+(.*)$/.exec(lines[j]) ?? /^-[ \t]+(.*)$/.exec(lines[j]);
        if (item) { const v = scalar(item[1]); if (v) out[key].push(v); continue; }
        if (/^[ \t]*(#.*)?$/.test(lines[j])) continue;
        break;
      }
    }
  }
  return out;
}

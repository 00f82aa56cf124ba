// Reading what falcoc prints (check findings, list JSON, the root help) and finding the rule under
// the cursor. Pure functions, no vscode import.

export interface Finding {
  file: string;
  line: number;   // 1-based, as falcoc prints
  column: number; // 1-based
  severity: 'error' | 'warning' | 'info';
  message: string;
  code?: string;
}

const FINDING = /^(.+?):(\d+):(\d+): (error|warning|info): (.*?)(?: \[([A-Za-z0-9_]+)\])?$/;

/** Findings of `falcoc check --no-snippet --format text` (file:line:col: severity: message [CODE]). */
export function parseCheckOutput(text: string): Finding[] {
  const out: Finding[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = FINDING.exec(line);
    if (!m) continue;
    out.push({ file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4] as Finding['severity'], message: m[5], code: m[6] });
  }
  return out;
}

/** Subcommand names listed under "Commands:" in `falcoc --help`. */
export function parseSubcommands(help: string): string[] {
  const out: string[] = [];
  let inCommands = false;
  for (const line of help.split(/\r?\n/)) {
    if (/^Commands:\s*$/.test(line)) { inCommands = true; continue; }
    if (!inCommands) continue;
    const m = /^ {2}([a-z][\w-]*)(\s|$)/.exec(line);
    if (m) out.push(m[1]);
    else if (/^\S/.test(line)) inCommands = false;
  }
  return out;
}

export interface ItemRef {
  kind: 'rule' | 'macro' | 'list';
  name: string;
  line: number; // 0-based line of the `- rule:` entry
}

function unquote(v: string): string {
  let s = v.replace(/\s+#.*$/, '').trim();
  if ((s.startsWith('"') && s.endsWith('"') && s.length >= 2)) s = s.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  else if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) s = s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** The rule, macro or list whose entry contains the 0-based line (the nearest `- rule: NAME` at or above it). */
export function itemAt(text: string, line: number): ItemRef | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = /^([ \t]*)-[ \t]+(rule|macro|list)[ \t]*:[ \t]*(.*)$/.exec(lines[i]);
    if (m) {
      const name = unquote(m[3]);
      return name ? { kind: m[2] as ItemRef['kind'], name, line: i } : undefined;
    }
  }
  return undefined;
}

interface Described { info?: { name?: string; condition?: string }; details?: { condition_compiled?: string; events?: string[] } }

export interface Compiled {
  kind: 'rule' | 'macro';
  name: string;
  condition?: string;
  compiled: string;
  events: string[];
}

/** The compiled condition of a rule or macro in `falcoc list --format json` output (Falco's -L JSON). */
export function compiledOf(listJson: string, ref: ItemRef): Compiled | undefined {
  let doc: { rules?: Described[]; macros?: Described[] };
  try { doc = JSON.parse(listJson); } catch { return undefined; }
  if (ref.kind === 'list') return undefined;
  const all = (ref.kind === 'rule' ? doc.rules : doc.macros) ?? [];
  // the last definition wins, as in Falco's loader (later files override earlier ones)
  const hit = [...all].reverse().find(d => d.info?.name === ref.name);
  if (!hit?.details?.condition_compiled) return undefined;
  return { kind: ref.kind, name: ref.name, condition: hit.info?.condition, compiled: hit.details.condition_compiled, events: hit.details.events ?? [] };
}

export type Route =
  | { kind: 'server'; command: string }
  | { kind: 'cli'; subcommand: string }
  | { kind: 'missing'; message: string };

/**
 * Where an optional feature (explain, rule tests) runs: a server command when the server
 * advertises it, else a falcoc subcommand when this falcoc has it, else an honest message.
 */
export function route(feature: 'explain' | 'test', serverCommands: string[], subcommands: string[]): Route {
  const serverCmd = `falcoc.${feature}`;
  if (serverCommands.includes(serverCmd)) return { kind: 'server', command: serverCmd };
  if (subcommands.includes(feature)) return { kind: 'cli', subcommand: feature };
  const what = feature === 'explain' ? 'explaining a rule\'s evaluation' : 'running rule tests';
  return {
    kind: 'missing',
    message: `This falcoc build has no support for ${what} yet: the language server does not offer '${serverCmd}' and `
      + `the falcoc command line has no '${feature}' subcommand (it has: ${subcommands.join(', ') || 'none'}).`,
  };
}

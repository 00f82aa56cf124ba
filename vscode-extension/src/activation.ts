// Which documents are Falco rules: by file name, by content (top-level rule/macro/list items),
// Helm values carrying customRules, and globs from the falcoc.files setting. No vscode import.

export type FileKind = 'rules' | 'helm' | 'other';

/** File names Falco users give rules files (the same patterns as the language contribution). */
const NAME_PATTERNS: RegExp[] = [
  /(^|[\\/])[^\\/]*_rules(\.local)?\.ya?ml$/i,
  /\.falco\.ya?ml$/i,
  /(^|[\\/])rules\.d[\\/][^\\/]+\.ya?ml$/i,
];

export function isYamlName(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export function isFalcoFileName(file: string): boolean {
  return NAME_PATTERNS.some(r => r.test(file));
}

// Only the head of a large file is looked at: Falco rules show themselves early.
const HEAD = 256 * 1024;

/**
 * True when the text is a YAML sequence of Falco items: a top-level `- rule:`/`- macro:` with a
 * `condition:`, a `- list:` with `items:`, or a `- required_engine_version:`.
 */
export function looksLikeFalcoRules(text: string): boolean {
  const t = text.length > HEAD ? text.slice(0, HEAD) : text;
  if (/^-[ \t]+required_(engine|plugin)_versions?[ \t]*:/m.test(t)) return true;
  const item = /^-[ \t]+(rule|macro|list)[ \t]*:/m.exec(t);
  if (!item) return false;
  if (item[1] === 'list') return /^[ \t]+items[ \t]*:/m.test(t) || /^-[ \t]+(rule|macro)[ \t]*:/m.test(t) && /^[ \t]+condition[ \t]*:/m.test(t);
  return /^[ \t]+condition[ \t]*:/m.test(t) || /^-[ \t]+list[ \t]*:/m.test(t) && /^[ \t]+items[ \t]*:/m.test(t);
}

/** True for Helm values with a non-empty `customRules:` map (the Falco chart's, possibly nested under a parent chart key). */
export function hasHelmCustomRules(text: string): boolean {
  const lines = (text.length > HEAD ? text.slice(0, HEAD) : text).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([ \t]*)customRules[ \t]*:[ \t]*(#.*)?$/.exec(lines[i]);
    if (!m) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (/^[ \t]*(#.*)?$/.test(l)) continue;
      const indent = /^[ \t]*/.exec(l)![0].length;
      if (indent > m[1].length) return true;
      break;
    }
  }
  return false;
}

/** A VS Code-style glob as a RegExp: `**` spans folders, `*`/`?` stay within one, `{a,b}` alternates. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') { inGroup = true; re += '(?:'; }
    else if (c === '}' && inGroup) { inGroup = false; re += ')'; }
    else if (c === ',' && inGroup) re += '|';
    else if (c === '\\' || c === '/') re += '/';
    else re += c.replace(/[.+^$()|[\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Whether a file matches one of the globs: a glob without a slash matches the file name, others
 * match the path relative to a workspace folder, or the absolute path.
 */
export function matchesGlobs(file: string, globs: string[], roots: string[]): boolean {
  const abs = toPosix(file);
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  const rels = roots.map(r => toPosix(r).replace(/\/+$/, '') + '/').filter(r => abs.startsWith(r)).map(r => abs.slice(r.length));
  for (const g of globs) {
    if (!g.trim()) continue;
    const re = globToRegExp(toPosix(g.trim()));
    if (!g.includes('/')) { if (re.test(base)) return true; continue; }
    if (re.test(abs) || rels.some(r => re.test(r))) return true;
  }
  return false;
}

export interface ClassifyOptions {
  files: string[];
  roots: string[];
  detectByContent: boolean;
}

/** Rules files go to the language server; Helm values with customRules are checked with the CLI. */
export function classify(file: string, text: string, opts: ClassifyOptions): FileKind {
  if (matchesGlobs(file, opts.files, opts.roots)) return 'rules';
  if (!isYamlName(file) && !isFalcoFileName(file)) return 'other';
  if (isFalcoFileName(file)) return 'rules';
  if (!opts.detectByContent) return 'other';
  if (looksLikeFalcoRules(text)) return 'rules';
  if (hasHelmCustomRules(text)) return 'helm';
  return 'other';
}

// Tokenizes YAML with the contributed grammars as VS Code does (vscode-textmate + oniguruma, the
// injections wired from package.json's injectTo), over a real YAML grammar (tm-grammars).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed: { scopeName: string; path: string; injectTo?: string[] }[] = manifest.contributes.grammars;

async function registry(): Promise<vsctm.Registry> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = { 'source.yaml': require.resolve('tm-grammars/grammars/yaml.json') };
  for (const g of contributed) files[g.scopeName] = path.join(root, g.path);
  return new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: s => new oniguruma.OnigScanner(s), createOnigString: s => new oniguruma.OnigString(s) }),
    loadGrammar: async scope => files[scope] ? vsctm.parseRawGrammar(fs.readFileSync(files[scope], 'utf8'), files[scope]) : null,
    getInjections: scope => contributed.filter(g => g.injectTo?.includes(scope)).map(g => g.scopeName),
  });
}

type Tok = { line: number; text: string; scopes: string[] };

export async function tokenize(scope: string, text: string): Promise<Tok[]> {
  const g = await (await registry()).loadGrammar(scope);
  assert.ok(g, scope);
  const out: Tok[] = [];
  let state = vsctm.INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = g!.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

function scopesOf(toks: Tok[], line: number, text: string): string[] {
  const t = toks.find(x => x.line === line && x.text.includes(text));
  assert.ok(t, `a token with '${text}' on line ${line}: ${JSON.stringify(toks.filter(x => x.line === line).map(x => x.text))}`);
  return t!.scopes;
}

const RULES = [
  '- macro: spawned',                                                  // 0
  '  condition: evt.type = execve and proc.name in (bash, sh)',        // 1
  '- rule: Read sensitive file',                                       // 2
  '  desc: reads',                                                     // 3
  '  condition: >',                                                    // 4
  '    spawned and fd.name startswith "/etc/shadow"',                  // 5
  '    and not tolower(proc.pname) contains "x" and proc.aname[2] = sshd', // 6
  '  output: "read %fd.name by %proc.name (%proc.aname[2])"',          // 7
  '  priority: WARNING',                                               // 8
  '  tags: [condition]',                                               // 9
  '',
].join('\n');

test('conditions in a rules file', async () => {
  const t = await tokenize('source.falco-rules', RULES);
  assert.ok(scopesOf(t, 1, 'evt.type').includes('support.variable.field.falco'));
  assert.ok(scopesOf(t, 1, 'and').includes('keyword.operator.logical.falco'));
  assert.ok(scopesOf(t, 1, 'in').includes('keyword.operator.comparison.falco'));
  assert.ok(scopesOf(t, 1, 'condition').includes('entity.name.tag.yaml'));
  // a folded block scalar: the following, more indented lines are the condition too
  assert.ok(scopesOf(t, 4, '>').includes('keyword.control.flow.block-scalar.yaml'));
  assert.ok(scopesOf(t, 5, 'fd.name').includes('support.variable.field.falco'));
  assert.ok(scopesOf(t, 5, 'startswith').includes('keyword.operator.comparison.falco'));
  assert.ok(scopesOf(t, 5, '"/etc/shadow"').includes('string.quoted.double.falco'));
  assert.ok(scopesOf(t, 6, 'tolower').includes('support.function.transformer.falco'));
  assert.ok(scopesOf(t, 6, '[2]').includes('variable.parameter.field-argument.falco'));
  assert.ok(scopesOf(t, 2, 'Read sensitive file').includes('entity.name.function.falco'));
});

test('outputs, priorities, and where a condition ends', async () => {
  const t = await tokenize('source.falco-rules', RULES);
  assert.ok(scopesOf(t, 7, 'fd.name').includes('support.variable.field.falco'));
  assert.ok(scopesOf(t, 7, 'read').includes('string.unquoted.output.falco'));
  assert.ok(scopesOf(t, 8, 'WARNING').includes('constant.language.priority.falco'));
  // the condition region closed at 'output:', and 'tags: [condition]' is plain YAML
  assert.ok(!scopesOf(t, 8, 'priority').some(s => s.startsWith('meta.condition')));
  assert.ok(!scopesOf(t, 9, 'ondition').some(s => s.endsWith('.falco')));
});

test('Helm values: conditions inside customRules only', async () => {
  const values = [
    'customRules:',                                   // 0
    '  rules-mine.yaml: |-',                          // 1
    '    - rule: Mine',                               // 2
    '      condition: proc.name = nc and evt.type = connect', // 3
    '      output: "nc %proc.cmdline"',               // 4
    'jobs:',                                          // 5
    '  condition: proc.name = x',                     // 6
    '',
  ].join('\n');
  const t = await tokenize('source.yaml', values);
  assert.ok(scopesOf(t, 3, 'proc.name').includes('support.variable.field.falco'));
  assert.ok(scopesOf(t, 3, 'and').includes('keyword.operator.logical.falco'));
  assert.ok(scopesOf(t, 4, 'proc.cmdline').includes('support.variable.field.falco'));
  assert.ok(!scopesOf(t, 6, 'roc.name').some(s => s.includes('falco')), 'outside customRules a condition key is ordinary YAML');
});

test('plain YAML files are left alone', async () => {
  const t = await tokenize('source.yaml', 'steps:\n  - condition: succeeded() and x\n');
  assert.ok(t.every(x => x.scopes.every(s => !s.includes('falco'))));
});

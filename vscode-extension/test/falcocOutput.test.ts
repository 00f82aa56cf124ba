import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compiledOf, itemAt, parseCheckOutput, parseSubcommands, route } from '../src/falcocOutput';

test('check findings', () => {
  const out = [
    "a_rules.yaml:12:14: error: filter_check called with nonexistent field proc.nme (rule 'Bad') [LOAD_ERR_COMPILE_CONDITION]",
    "/w/x y/a_rules.yaml:7:14: warning: due to the drop of enter events, 'evt.dir = <' always evaluates to true [LOAD_DEPRECATED_ITEM]",
    'values.yaml:20:9: info: a hint',
    'a_rules.yaml: 1 error, 1 warning',
  ].join('\n');
  const f = parseCheckOutput(out);
  assert.equal(f.length, 3);
  assert.deepEqual(f[0], { file: 'a_rules.yaml', line: 12, column: 14, severity: 'error', message: "filter_check called with nonexistent field proc.nme (rule 'Bad')", code: 'LOAD_ERR_COMPILE_CONDITION' });
  assert.equal(f[1].file, '/w/x y/a_rules.yaml');
  assert.equal(f[2].code, undefined);
});

test('subcommands from falcoc --help', () => {
  const help = 'Usage: falcoc [-hV] [COMMAND]\nA toolchain\n  -h, --help      Show this help message and exit.\nCommands:\n  check  Check rules files (loaded in order, directories sorted) and report\n           errors, warnings and lints.\n  list   Describe\n  run    Replay\n  lsp    Serve\n  help   Display help\n';
  assert.deepEqual(parseSubcommands(help), ['check', 'list', 'run', 'lsp', 'help']);
});

test('the item under the cursor', () => {
  const t = '- list: l\n  items: [a]\n- rule: "Shell: in container"\n  desc: d\n  condition: >\n    spawned and\n    container\n- macro: m # comment\n  condition: x\n';
  assert.deepEqual(itemAt(t, 0), { kind: 'list', name: 'l', line: 0 });
  assert.deepEqual(itemAt(t, 6), { kind: 'rule', name: 'Shell: in container', line: 2 });
  assert.deepEqual(itemAt(t, 8), { kind: 'macro', name: 'm', line: 7 });
  assert.equal(itemAt('# nothing\n', 0), undefined);
  assert.deepEqual(itemAt("- rule: 'it''s'\n", 0)?.name, "it's");
});

test('compiled condition from list JSON; the last definition wins', () => {
  const json = JSON.stringify({
    rules: [
      { info: { name: 'R', condition: 'old' }, details: { condition_compiled: '(old)', events: [] } },
      { info: { name: 'R', condition: 'spawned and x' }, details: { condition_compiled: '(evt.type = execve and x)', events: ['execve'] } },
    ],
    macros: [{ info: { name: 'spawned', condition: 'evt.type = execve' }, details: { condition_compiled: '(evt.type = execve)', events: ['execve'] } }],
  });
  assert.deepEqual(compiledOf(json, { kind: 'rule', name: 'R', line: 0 }), { kind: 'rule', name: 'R', condition: 'spawned and x', compiled: '(evt.type = execve and x)', events: ['execve'] });
  assert.equal(compiledOf(json, { kind: 'macro', name: 'spawned', line: 0 })?.compiled, '(evt.type = execve)');
  assert.equal(compiledOf(json, { kind: 'rule', name: 'missing', line: 0 }), undefined);
  assert.equal(compiledOf('not json', { kind: 'rule', name: 'R', line: 0 }), undefined);
});

test('explain and tests: server command, then CLI subcommand, else an honest message', () => {
  assert.deepEqual(route('explain', ['falcoc.explain'], ['explain']), { kind: 'server', command: 'falcoc.explain' });
  assert.deepEqual(route('test', [], ['check', 'test']), { kind: 'cli', subcommand: 'test' });
  const r = route('test', [], ['check', 'list', 'run', 'lsp']);
  assert.equal(r.kind, 'missing');
  assert.match((r as { message: string }).message, /no support for running rule tests yet.*no 'test' subcommand \(it has: check, list, run, lsp\)/);
});

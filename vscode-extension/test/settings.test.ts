import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { FalcocSettings, changeAction, checkArgs, expandPath, parseProjectFile, readSettings, serverSettings } from '../src/settings';

function settings(values: Record<string, unknown>): FalcocSettings {
  return readSettings(<T>(key: string, fallback: T): T => (key in values ? values[key] as T : fallback));
}

test('defaults', () => {
  const s = settings({});
  assert.deepEqual(s, {
    javaHome: '', javaArgs: [], serverJar: '', base: [], rules: [], engineVersion: '', files: [],
    detectByContent: true, helmCheck: true, debounceMs: 20, trace: 'off',
  });
});

test('reading tolerates odd values', () => {
  const s = settings({ 'chain.base': '  /up/falco_rules.yaml ', 'chain.rules': ['a.yaml', 3, ' ', 'b'], debounceMs: -5, 'trace.server': 'loud', 'java.home': ' /jdk ' });
  assert.deepEqual(s.base, ['/up/falco_rules.yaml']);
  assert.deepEqual(s.rules, ['a.yaml', 'b']);
  assert.equal(s.debounceMs, 20);
  assert.equal(s.trace, 'off');
  assert.equal(s.javaHome, '/jdk');
  assert.equal(settings({ 'trace.server': 'verbose' }).trace, 'verbose');
});

test('paths: ${workspaceFolder}, ~, relative to the workspace folder', () => {
  assert.equal(expandPath('${workspaceFolder}/rules', '/ws', '/home/u'), '/ws/rules');
  assert.equal(expandPath('~/falco/falco_rules.yaml', '/ws', '/home/u'), '/home/u/falco/falco_rules.yaml');
  assert.equal(expandPath('${userHome}/r.yaml', '/ws', '/home/u'), '/home/u/r.yaml');
  assert.equal(expandPath('rules.d', '/ws', '/home/u'), path.join('/ws', 'rules.d'));
  assert.equal(expandPath('/abs/r.yaml', '/ws', '/home/u'), '/abs/r.yaml');
  assert.equal(expandPath('rel.yaml', undefined, undefined), 'rel.yaml');
});

test('what the server reads: base/rules under "falcoc", absolute', () => {
  const s = settings({ 'chain.base': ['~/up/falco_rules.yaml'], 'chain.rules': ['rules.d', 'local_rules.yaml'], debounceMs: 50, engineVersion: '0.40.0' });
  assert.deepEqual(serverSettings(s, '/ws', '/home/u'), {
    falcoc: { debounceMs: 50, base: ['/home/u/up/falco_rules.yaml'], rules: [path.join('/ws', 'rules.d'), path.join('/ws', 'local_rules.yaml')], engineVersion: '0.40.0' },
  });
});

test('no chain in settings: base/rules are left out so the server reads falcoc.yaml', () => {
  const o = serverSettings(settings({}), '/ws', '/home/u');
  assert.deepEqual(o, { falcoc: { debounceMs: 20 } });
  assert.ok(!('base' in o.falcoc) && !('rules' in o.falcoc));
});

test('settings changes: notify, restart or nothing', () => {
  const a = settings({ 'chain.rules': ['a.yaml'] });
  assert.equal(changeAction(a, settings({ 'chain.rules': ['a.yaml'] })), 'none');
  assert.equal(changeAction(a, settings({ 'chain.rules': ['a.yaml', 'b.yaml'] })), 'notify');
  assert.equal(changeAction(a, settings({ 'chain.rules': ['a.yaml'], engineVersion: '0.41.0' })), 'notify');
  assert.equal(changeAction(a, settings({})), 'restart', 'chain removed: falcoc.yaml is read at start');
  assert.equal(changeAction(a, settings({ 'chain.rules': ['a.yaml'], 'java.home': '/jdk' })), 'restart');
  assert.equal(changeAction(a, settings({ 'chain.rules': ['a.yaml'], 'server.jar': '/x.jar' })), 'restart');
  assert.equal(changeAction(a, settings({ 'chain.rules': ['a.yaml'], 'trace.server': 'verbose' })), 'none', 'the client applies trace itself');
});

test('falcoc check arguments', () => {
  const chain = settings({ 'chain.base': ['up/falco_rules.yaml'], 'chain.rules': ['rules.d'], engineVersion: '0.40.0' });
  assert.deepEqual(checkArgs(chain, '/ws', '/h', { hasProjectFile: true, files: [] }),
    ['check', '--no-snippet', '--format', 'text', '--engine-version', '0.40.0', '--base', path.join('/ws', 'up/falco_rules.yaml'), path.join('/ws', 'rules.d')]);
  assert.deepEqual(checkArgs(settings({}), '/ws', '/h', { hasProjectFile: true, files: ['/ws/a_rules.yaml'] }),
    ['check', '--no-snippet', '--format', 'text'], 'falcoc.yaml names the chain');
  assert.deepEqual(checkArgs(settings({}), '/ws', '/h', { hasProjectFile: false, files: ['/ws/a_rules.yaml'] }),
    ['check', '--no-snippet', '--format', 'text', '/ws/a_rules.yaml']);
  assert.deepEqual(checkArgs(settings({ 'chain.base': ['/up.yaml'] }), '/ws', '/h', { hasProjectFile: false, files: ['/up.yaml', '/ws/a_rules.yaml'] }),
    ['check', '--no-snippet', '--format', 'text', '--base', '/up.yaml', '/ws/a_rules.yaml'], 'base files are not checked twice');
  assert.equal(checkArgs(settings({}), '/ws', '/h', { hasProjectFile: false, files: [] }), undefined);
});

test('falcoc.yaml: base and rules', () => {
  assert.deepEqual(parseProjectFile('# chain\nbase:\n  - upstream/falco_rules.yaml # pinned\nrules:\n  - "rules.d"\n  - local.yaml\nengine_version: 0.40.0\n'),
    { base: ['upstream/falco_rules.yaml'], rules: ['rules.d', 'local.yaml'] });
  assert.deepEqual(parseProjectFile('base: up.yaml\nrules: [a.yaml, \'b.yaml\']\n'), { base: ['up.yaml'], rules: ['a.yaml', 'b.yaml'] });
  assert.deepEqual(parseProjectFile('rules:\n- a.yaml\n- b.yaml\n'), { base: [], rules: ['a.yaml', 'b.yaml'] });
});

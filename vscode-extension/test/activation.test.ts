import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classify, globToRegExp, hasHelmCustomRules, isFalcoFileName, looksLikeFalcoRules, matchesGlobs } from '../src/activation';

test('file names of rules files', () => {
  for (const f of ['/r/falco_rules.yaml', '/r/falco_rules.local.yaml', 'custom_rules.yml', '/x/app.falco.yaml', '/etc/falco/rules.d/10-mine.yaml', 'C:\\r\\rules.d\\a.yml']) {
    assert.ok(isFalcoFileName(f), f);
  }
  for (const f of ['/r/values.yaml', '/r/rules.yaml', '/r/rules_x.yaml', '/r/my_rules.json', '/r/rules.d/readme.md']) {
    assert.ok(!isFalcoFileName(f), f);
  }
});

test('content: sequences of rule/macro/list items', () => {
  assert.ok(looksLikeFalcoRules('# my rules\n- macro: m\n  condition: evt.type = open\n'));
  assert.ok(looksLikeFalcoRules('- rule: r\n  desc: d\n  condition: m\n  output: o\n  priority: INFO\n'));
  assert.ok(looksLikeFalcoRules('- list: l\n  items: [a, b]\n'));
  assert.ok(looksLikeFalcoRules('- required_engine_version: 0.31.0\n'));
  assert.ok(looksLikeFalcoRules('- rule: r\n  enabled: false\n- list: l\n  items: [a]\n'));
  // YAML that merely has these words is not Falco
  assert.ok(!looksLikeFalcoRules('steps:\n  - rule: x\n    condition: y\n'));
  assert.ok(!looksLikeFalcoRules('- list: groceries\n  qty: 3\n'));
  assert.ok(!looksLikeFalcoRules('- rule: naming\n  severity: high\n'));
  assert.ok(!looksLikeFalcoRules('apiVersion: v1\nkind: ConfigMap\n'));
});

test('Helm values with customRules', () => {
  assert.ok(hasHelmCustomRules('driver:\n  kind: ebpf\ncustomRules:\n  rules-a.yaml: |-\n    - rule: x\n'));
  assert.ok(hasHelmCustomRules('falco:\n  customRules:\n    # mine\n\n    a.yaml: |\n      - macro: m\n'));
  assert.ok(!hasHelmCustomRules('customRules: {}\n'));
  assert.ok(!hasHelmCustomRules('customRules:\nother: 1\n'));
  assert.ok(!hasHelmCustomRules('image:\n  tag: 1\n'));
});

test('globs', () => {
  assert.ok(globToRegExp('**/security/*.yaml').test('a/b/security/x.yaml'));
  assert.ok(globToRegExp('**/security/*.yaml').test('security/x.yaml'));
  assert.ok(!globToRegExp('**/security/*.yaml').test('security/sub/x.yaml'));
  assert.ok(globToRegExp('policies/*.{yaml,yml}').test('policies/a.yml'));
  assert.ok(globToRegExp('r?.yaml').test('r1.yaml'));
  assert.ok(!globToRegExp('r?.yaml').test('r12.yaml'));
  assert.ok(matchesGlobs('/ws/deploy/falco/extra.yaml', ['deploy/falco/*.yaml'], ['/ws']));
  assert.ok(matchesGlobs('/ws/deploy/falco/extra.yaml', ['extra.yaml'], []), 'no slash: the file name');
  assert.ok(matchesGlobs('/abs/extra.yaml', ['/abs/*.yaml'], []));
  assert.ok(!matchesGlobs('/ws/other/extra.yaml', ['deploy/falco/*.yaml'], ['/ws']));
  assert.ok(matchesGlobs('C:\\ws\\sec\\a.yaml', ['sec/*.yaml'], ['C:\\ws']));
});

test('classify: server for rules, CLI for Helm values, nothing for the rest', () => {
  const opts = { files: [], roots: ['/ws'], detectByContent: true };
  assert.equal(classify('/ws/app_rules.yaml', '', opts), 'rules');
  assert.equal(classify('/ws/mine.yaml', '- macro: m\n  condition: proc.name = x\n', opts), 'rules');
  assert.equal(classify('/ws/values.yaml', 'customRules:\n  a.yaml: |-\n    - rule: r\n', opts), 'helm');
  assert.equal(classify('/ws/ci.yaml', 'jobs:\n  build: {}\n', opts), 'other');
  assert.equal(classify('/ws/notes.txt', '- macro: m\n  condition: x\n', opts), 'other');
  assert.equal(classify('/ws/mine.yaml', '- macro: m\n  condition: proc.name = x\n', { ...opts, detectByContent: false }), 'other');
  assert.equal(classify('/ws/sec/policy.yaml', 'empty: true\n', { ...opts, files: ['sec/*.yaml'] }), 'rules');
  assert.equal(classify('/ws/sec/policy.txt', '', { ...opts, files: ['**/*.txt'] }), 'rules', 'settings name any file');
});

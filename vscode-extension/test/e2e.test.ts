// End-to-end: starts the bundled falcoc.jar the way the extension does (same Java discovery, same
// command line, same initializationOptions) and talks LSP to it over stdio.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CompletionRequest, CompletionItem, CompletionList, Diagnostic, DidOpenTextDocumentNotification, ExitNotification, InitializeRequest,
  InitializedNotification, PrepareRenameRequest, ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams,
  RenameRequest, ShutdownRequest, TextEdit, WorkspaceEdit, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { findJava, noJavaMessage, systemProbe } from '../src/javaFinder';
import { bundledJar, cliCommand, serverCommand } from '../src/launch';
import { compiledOf, itemAt, parseCheckOutput, parseSubcommands } from '../src/falcocOutput';
import { readSettings, serverSettings } from '../src/settings';

const extensionRoot = path.resolve(__dirname, '..', '..');
const jar = bundledJar(extensionRoot);
// FALCOC_JAVA_HOME plays the falcoc.java.home setting; then JAVA_HOME and PATH, as in the extension
const search = findJava(process.env.FALCOC_JAVA_HOME, systemProbe());
const required = process.env.FALCOC_E2E_REQUIRED === '1';
let skip: string | false = false;
if (!fs.existsSync(jar)) skip = `no server jar at ${jar}: build it with mvn -pl cli -am package -DskipTests, then npm test copies it`;
else if (!search.found?.java) skip = noJavaMessage(search);
if (skip && required) throw new Error(`end-to-end test required but cannot run: ${skip}`);
if (skip) console.log(`SKIPPED end-to-end LSP test: ${skip}`);

const RULES = [
  '- list: shell_binaries',
  '  items: [bash, sh, zsh]',
  '- macro: spawned',
  '  condition: evt.type = execve',
  '- rule: Shell spawned',
  '  desc: a shell was started',
  '  condition: spawned and proc.name in (shell_binaries) and proc.nme = bash',
  '  output: "shell %proc.name (user=%user.name)"',
  '  priority: WARNING',
  '- rule: Other',
  '  desc: uses the macro too',
  '  condition: spawned and proc.',
  '  output: "x %proc.name"',
  '  priority: INFO',
  '',
].join('\n');

function waitFor<T>(what: string, ms: number, poll: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      const v = poll();
      if (v !== undefined) return resolve(v);
      if (Date.now() - start > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

test('the bundled server answers a real LSP conversation over stdio', { skip, timeout: 90000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'falcoc-e2e-'));
  const file = path.join(root, 'custom_rules.yaml');
  fs.writeFileSync(file, RULES);
  const uri = pathToFileURL(file).toString();

  const cmd = serverCommand(search.found!.java!, jar, []);
  const proc = cp.spawn(cmd.command, cmd.args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', b => { stderr += b; });
  const exited = new Promise<number | null>(resolve => proc.on('exit', code => resolve(code)));
  const conn: ProtocolConnection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  conn.onNotification(PublishDiagnosticsNotification.type, p => { diagnostics.set(p.uri, p); });
  // answer whatever the server asks (configuration, progress, registrations) the way a minimal client would
  for (const m of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
    conn.onRequest(m, () => null);
  }
  conn.onRequest('workspace/configuration', (p: { items?: unknown[] }) => (p.items ?? []).map(() => null));
  conn.listen();
  try {
    const settings = readSettings((_k, d) => d);
    const init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'e2e' }],
      capabilities: { textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } }, rename: { prepareSupport: true } } },
      initializationOptions: serverSettings(settings, root, os.homedir()),
    });
    assert.equal(init.serverInfo?.name, 'falcoc');
    assert.ok(init.capabilities.completionProvider, 'completion advertised');
    assert.ok(init.capabilities.renameProvider, 'rename advertised');
    await conn.sendNotification(InitializedNotification.type, {});

    // 1. open a rules file with an error: the unknown field is reported where it is written
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'falco-rules', version: 1, text: RULES } });
    const diags: Diagnostic[] = await waitFor('diagnostics', 30000, () => {
      const p = diagnostics.get(uri);
      return p && p.diagnostics.some(d => d.message.includes('proc.nme')) ? p.diagnostics : undefined;
    });
    const err = diags.find(d => d.message.includes('proc.nme'))!;
    assert.equal(err.severity, 1, 'an error');
    assert.equal(err.range.start.line, 6);
    assert.equal(RULES.split('\n')[6].slice(err.range.start.character, err.range.start.character + 8), 'proc.nme');

    // 2. completion after "proc." offers process fields
    const line = 11, character = RULES.split('\n')[11].length;
    const comp = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
    const items: CompletionItem[] = Array.isArray(comp) ? comp : (comp as CompletionList | null)?.items ?? [];
    const labels = items.map(i => i.label);
    assert.ok(labels.includes('proc.name'), `proc.name in completion: ${labels.slice(0, 20).join(', ')}`);

    // 3. rename the macro: its definition and both uses change
    const at = { line: 3 - 1, character: '- macro: '.length + 2 };
    const prep = await conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at });
    assert.ok(prep, 'the macro name can be renamed');
    const edit: WorkspaceEdit | null = await conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at, newName: 'spawned_process' });
    assert.ok(edit, 'a workspace edit');
    const edits: TextEdit[] = [];
    for (const [u, es] of Object.entries(edit!.changes ?? {})) if (u === uri) edits.push(...es);
    for (const dc of edit!.documentChanges ?? []) if ('edits' in dc && dc.textDocument.uri === uri) edits.push(...(dc.edits as TextEdit[]));
    assert.deepEqual(edits.map(e => e.range.start.line).sort((a, b) => a - b), [2, 6, 11]);
    assert.ok(edits.every(e => e.newText === 'spawned_process'));

    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    const code = await Promise.race([exited, new Promise<string>(r => setTimeout(() => r('timeout'), 10000).unref())]);
    assert.equal(code, 0, `server exit code (stderr: ${stderr})`);
  } finally {
    conn.dispose();
    if (proc.exitCode === null) proc.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const cmd = cliCommand(search.found!.java!, jar, [], args);
  const r = cp.spawnSync(cmd.command, cmd.args, { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the falcoc commands behind Check Workspace, Helm values and Show Compiled Condition', { skip, timeout: 90000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'falcoc-e2e-cli-'));
  try {
    // Helm values: findings point into values.yaml
    const values = path.join(root, 'values.yaml');
    fs.writeFileSync(values, ['driver:', '  kind: modern_ebpf', 'customRules:', '  rules-mine.yaml: |-', '    - rule: Mine', '      desc: x',
      '      condition: proc.nme = nc', '      output: "nc %proc.cmdline"', '      priority: INFO', ''].join('\n'));
    const h = cli(['check', '--no-snippet', values], root);
    assert.equal(h.code, 1, h.stderr);
    const f = parseCheckOutput(h.stdout);
    assert.equal(f.length, 1, h.stdout);
    assert.deepEqual([path.resolve(root, f[0].file), f[0].line, f[0].column, f[0].severity, f[0].code], [values, 7, 18, 'error', 'LOAD_ERR_COMPILE_CONDITION']);

    // compiled condition of the rule under the cursor
    const rules = path.join(root, 'ok_rules.yaml');
    const text = RULES.replace('proc.nme = bash', 'proc.pname = bash').replace('spawned and proc.\n', 'spawned and proc.name = x\n');
    fs.writeFileSync(rules, text);
    const l = cli(['list', '--format', 'json', rules], root);
    assert.equal(l.code, 0, l.stderr);
    const ref = itemAt(text, 6)!;
    assert.equal(ref.name, 'Shell spawned');
    const c = compiledOf(l.stdout, ref);
    assert.equal(c?.compiled, '(evt.type = execve and proc.name in (bash, sh, zsh) and proc.pname = bash)');
    assert.ok(c?.events.includes('execve'), String(c?.events));

    // the subcommands explain/test are looked up in
    const sub = parseSubcommands(cli(['--help'], root).stdout);
    assert.ok(['check', 'list', 'lsp'].every(s => sub.includes(s)), sub.join(' '));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

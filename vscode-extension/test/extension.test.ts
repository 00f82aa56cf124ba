// Loads the real extension entry point with stand-ins for the `vscode` and `vscode-languageclient`
// modules (VS Code itself cannot be downloaded here), and checks the glue: which documents become
// Falco rules, how the language client is created, which commands exist, what happens without Java.
import { test, beforeEach, afterEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { serverCommand } from '../src/launch';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const Module = require('module');
const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

interface Doc { uri: { scheme: string; fsPath: string; toString(): string }; languageId: string; getText(): string; isDirty: boolean; isUntitled: boolean }

function doc(file: string, languageId: string, text: string): Doc {
  return { uri: { scheme: 'file', fsPath: file, toString: () => `file://${file}` }, languageId, getText: () => text, isDirty: false, isUntitled: false };
}

class World {
  config: Record<string, unknown> = {};
  docs: Doc[] = [];
  opened: ((d: Doc) => void)[] = [];
  languageSwitches: [string, string][] = [];
  commands: string[] = [];
  errors: string[] = [];
  clients: { id: string; server: { command: string; args: string[] }; options: Record<string, unknown>; started: boolean }[] = [];

  vscode() {
    const w = this;
    const disposable = { dispose() { /* nothing */ } };
    const event = (list?: ((d: Doc) => void)[]) => (cb: (d: Doc) => void) => { list?.push(cb); return disposable; };
    return {
      window: {
        createOutputChannel: () => ({ appendLine() { /* quiet */ }, show() { /* quiet */ }, dispose() { /* quiet */ } }),
        showErrorMessage: (m: string) => { w.errors.push(m); return Promise.resolve(undefined); },
        showWarningMessage: (m: string) => { w.errors.push(m); return Promise.resolve(undefined); },
        showInformationMessage: () => Promise.resolve(undefined),
      },
      languages: {
        createDiagnosticCollection: () => ({ set() { /* */ }, delete() { /* */ }, clear() { /* */ }, dispose() { /* */ } }),
        setTextDocumentLanguage: (d: Doc, lang: string) => {
          w.languageSwitches.push([d.uri.fsPath, lang]);
          const nd = { ...d, languageId: lang };
          for (const cb of w.opened) cb(nd);
          return Promise.resolve(nd);
        },
      },
      workspace: {
        get textDocuments() { return w.docs; },
        workspaceFolders: [{ uri: { fsPath: '/ws' } }],
        getConfiguration: () => ({ get: (k: string, d: unknown) => (k in w.config ? w.config[k] : d) }),
        registerTextDocumentContentProvider: () => disposable,
        onDidOpenTextDocument: event(this.opened),
        onDidSaveTextDocument: event(),
        onDidCloseTextDocument: event(),
        onDidChangeConfiguration: event(),
        createFileSystemWatcher: () => disposable,
      },
      commands: { registerCommand: (name: string) => { w.commands.push(name); return disposable; }, executeCommand: () => Promise.resolve() },
    };
  }

  languageclient() {
    const w = this;
    return {
      LanguageClient: class {
        constructor(id: string, _name: string, server: { command: string; args: string[] }, options: Record<string, unknown>) {
          w.clients.push({ id, server, options, started: false });
        }
        start() { w.clients[w.clients.length - 1].started = true; return Promise.resolve(); }
        stop() { return Promise.resolve(); }
      },
      DidChangeConfigurationNotification: { type: {} },
      ExecuteCommandRequest: { type: {} },
    };
  }
}

let world: World;
const originalLoad = Module._load;
const savedEnv = { ...process.env };

beforeEach(() => {
  world = new World();
  Module._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return world.vscode();
    if (request === 'vscode-languageclient/node') return world.languageclient();
    return originalLoad.call(this, request, ...rest);
  };
  for (const k of Object.keys(require.cache)) if (k.includes(`${path.sep}out${path.sep}src${path.sep}`)) delete require.cache[k];
});

afterEach(() => {
  Module._load = originalLoad;
  process.env = { ...savedEnv };
});

const settle = () => new Promise(r => setTimeout(r, 20));

function fakeJdk(version: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'falcoc-jdk-'));
  fs.mkdirSync(path.join(home, 'bin'));
  fs.writeFileSync(path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java'), '');
  fs.writeFileSync(path.join(home, 'release'), `JAVA_VERSION="${version}"\n`);
  return home;
}

test('rules files switch to falco-rules and start the server as launch.ts says', async () => {
  const home = fakeJdk('25.0.1');
  const jar = path.join(home, 'falcoc.jar');
  fs.writeFileSync(jar, '');
  world.config = { 'java.home': home, 'server.jar': jar, 'chain.rules': ['rules.d'], 'java.args': ['-Xmx512m'] };
  world.docs = [
    doc('/ws/mine.yaml', 'yaml', '- macro: m\n  condition: proc.name = x\n'),
    doc('/ws/ci.yaml', 'yaml', 'jobs:\n  build: {}\n'),
  ];
  const ext = require(path.join(root, 'out', 'src', 'extension.js'));
  await ext.activate({ subscriptions: [], extensionPath: root });
  await settle();
  assert.deepEqual(world.languageSwitches, [['/ws/mine.yaml', 'falco-rules']]);
  assert.deepEqual([...world.commands].sort(), manifest.contributes.commands.map((c: { command: string }) => c.command).sort());
  assert.equal(world.clients.length, 1, 'one server for the workspace');
  const c = world.clients[0];
  assert.equal(c.id, 'falcoc', 'the id under which vscode-languageclient reads falcoc.trace.server');
  assert.ok(c.started);
  const expected = serverCommand(path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java'), jar, ['-Xmx512m']);
  assert.equal(c.server.command, expected.command);
  assert.deepEqual(c.server.args, expected.args);
  assert.deepEqual(c.options.documentSelector, [{ language: 'falco-rules', scheme: 'file' }, { language: 'falco-rules', scheme: 'untitled' }]);
  assert.deepEqual(c.options.initializationOptions, { falcoc: { debounceMs: 20, base: [], rules: [path.join('/ws', 'rules.d')] } });
  await ext.deactivate();
});

test('no Java 25: a clear error, and no server', async () => {
  const old = fakeJdk('17.0.2');
  process.env.JAVA_HOME = old;
  process.env.PATH = '';
  world.docs = [doc('/ws/a_rules.yaml', 'falco-rules', '')];
  const ext = require(path.join(root, 'out', 'src', 'extension.js'));
  await ext.activate({ subscriptions: [], extensionPath: root });
  await settle();
  assert.equal(world.clients.length, 0);
  assert.equal(world.errors.length, 1);
  assert.match(world.errors[0], /needs Java 25 or later/);
  assert.match(world.errors[0], /JAVA_HOME \(.*\): Java 17\.0\.2 is too old/);
});

// VS Code glue: starts the falcoc language server for Falco rules files, checks Helm values with
// the CLI, and wires the commands. The decisions live in the vscode-free modules next to this one.
import * as vscode from 'vscode';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DidChangeConfigurationNotification, ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions,
} from 'vscode-languageclient/node';
import { classify } from './activation';
import { Finding, compiledOf, itemAt, parseCheckOutput, parseSubcommands, route } from './falcocOutput';
import { JavaSearch, fallbackWarning, findJava, noJavaMessage, systemProbe } from './javaFinder';
import { bundledJar, cliCommand, serverCommand } from './launch';
import { FalcocSettings, changeAction, checkArgs, chainIsSet, expandPath, parseProjectFile, readSettings, serverSettings } from './settings';

const LANGUAGE = 'falco-rules';
let context: vscode.ExtensionContext;
let output: vscode.OutputChannel;
let settings: FalcocSettings;
let client: LanguageClient | undefined;
let starting: Promise<LanguageClient | undefined> | undefined;
let java: JavaSearch | undefined;
let subcommands: string[] | undefined;
let helmDiagnostics: vscode.DiagnosticCollection;
let checkDiagnostics: vscode.DiagnosticCollection;
const compiledViews = new Map<string, string>();
// documents we switched to falco-rules: when the user switches one back, we leave it alone
const switched = new Set<string>();

function currentSettings(): FalcocSettings {
  const c = vscode.workspace.getConfiguration('falcoc');
  return readSettings((key, fallback) => c.get(key, fallback));
}

function root(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function roots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath);
}

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  context = ctx;
  output = vscode.window.createOutputChannel('Falco Rules (falcoc)');
  settings = currentSettings();
  helmDiagnostics = vscode.languages.createDiagnosticCollection('falcoc-helm');
  checkDiagnostics = vscode.languages.createDiagnosticCollection('falcoc-check');
  ctx.subscriptions.push(output, helmDiagnostics, checkDiagnostics,
    vscode.workspace.registerTextDocumentContentProvider('falcoc-compiled', { provideTextDocumentContent: u => compiledViews.get(u.toString()) ?? '' }),
    vscode.workspace.onDidOpenTextDocument(onOpen),
    vscode.workspace.onDidSaveTextDocument(d => { if (isHelm(d)) void checkHelm(d); }),
    vscode.workspace.onDidCloseTextDocument(onClose),
    vscode.workspace.onDidChangeConfiguration(onConfigChange),
    vscode.commands.registerCommand('falcoc.checkWorkspace', checkWorkspace),
    vscode.commands.registerCommand('falcoc.showCompiledCondition', showCompiledCondition),
    vscode.commands.registerCommand('falcoc.explain', explain),
    vscode.commands.registerCommand('falcoc.runTests', runTests),
    vscode.commands.registerCommand('falcoc.restartServer', restartServer),
  );
  for (const d of vscode.workspace.textDocuments) onOpen(d);
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

// ------------------------------------------------------------------ documents

function isFileDoc(d: vscode.TextDocument): boolean {
  return d.uri.scheme === 'file' || d.uri.scheme === 'untitled';
}

function isHelm(d: vscode.TextDocument): boolean {
  return settings.helmCheck && d.uri.scheme === 'file' && d.languageId !== LANGUAGE
    && classify(d.uri.fsPath, d.getText(), { files: [], roots: roots(), detectByContent: true }) === 'helm';
}

function onOpen(d: vscode.TextDocument): void {
  if (!isFileDoc(d)) return;
  if (d.languageId === LANGUAGE) { void ensureClient(); return; }
  if (d.languageId !== 'yaml' && d.languageId !== 'plaintext') return;
  const kind = classify(d.uri.fsPath, d.getText(), { files: settings.files, roots: roots(), detectByContent: settings.detectByContent });
  if (kind === 'rules') {
    const key = d.uri.toString();
    if (switched.has(key)) return;
    switched.add(key);
    void vscode.languages.setTextDocumentLanguage(d, LANGUAGE);
  } else if (kind === 'helm' && settings.helmCheck) {
    void checkHelm(d);
  }
}

function onClose(d: vscode.TextDocument): void {
  helmDiagnostics.delete(d.uri);
  // a language change closes and reopens at once; a real close lets detection run again next time
  const key = d.uri.toString();
  setTimeout(() => {
    if (!vscode.workspace.textDocuments.some(x => x.uri.toString() === key)) switched.delete(key);
  }, 1000);
}

// ------------------------------------------------------------------ Java and the server

function findJavaOnce(): JavaSearch {
  if (!java) {
    java = findJava(settings.javaHome, systemProbe());
    if (java.found) output.appendLine(`Java ${java.found.version} from ${java.found.source}: ${java.found.java}`);
    const warn = fallbackWarning(java);
    if (warn) { output.appendLine(warn); void vscode.window.showWarningMessage(warn); }
  }
  return java;
}

/** The java executable and jar, or undefined after telling the user what is missing. */
function runtime(): { java: string; jar: string } | undefined {
  const j = findJavaOnce();
  if (!j.found?.java) {
    const msg = noJavaMessage(j);
    output.appendLine(msg);
    void vscode.window.showErrorMessage(msg, 'Open Settings').then(a => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'falcoc.java.home');
    });
    return undefined;
  }
  const jar = settings.serverJar ? expandPath(settings.serverJar, root(), os.homedir()) : bundledJar(context.extensionPath);
  if (!fs.existsSync(jar)) {
    const msg = `The falcoc server jar is missing: ${jar}. ${settings.serverJar ? 'Check "falcoc.server.jar".' : 'This extension package was built without it.'}`;
    output.appendLine(msg);
    void vscode.window.showErrorMessage(msg);
    return undefined;
  }
  return { java: j.found.java, jar };
}

function ensureClient(): Promise<LanguageClient | undefined> {
  if (client) return Promise.resolve(client);
  if (!starting) starting = startClient().finally(() => { starting = undefined; });
  return starting;
}

async function startClient(): Promise<LanguageClient | undefined> {
  const rt = runtime();
  if (!rt) return undefined;
  const cmd = serverCommand(rt.java, rt.jar, settings.javaArgs);
  const serverOptions: ServerOptions = { command: cmd.command, args: cmd.args, options: { cwd: root() } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE, scheme: 'file' }, { language: LANGUAGE, scheme: 'untitled' }],
    initializationOptions: serverSettings(settings, root(), os.homedir()),
    outputChannel: output,
    // rules files and falcoc.yaml changed on disk: the server re-reads them
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
  };
  const c = new LanguageClient('falcoc', 'Falco Rules (falcoc)', serverOptions, clientOptions);
  try {
    await c.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`The falcoc language server did not start: ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
  client = c;
  return c;
}

async function restartServer(): Promise<void> {
  settings = currentSettings();
  java = undefined;
  subcommands = undefined;
  const c = client;
  client = undefined;
  if (c) { try { await c.stop(); } catch { /* already gone */ } }
  const n = await ensureClient();
  if (n) void vscode.window.showInformationMessage('falcoc language server restarted.');
}

function onConfigChange(e: vscode.ConfigurationChangeEvent): void {
  if (!e.affectsConfiguration('falcoc')) return;
  const before = settings;
  settings = currentSettings();
  const action = changeAction(before, settings);
  if (action === 'restart' && client) void restartServer();
  else if (action === 'notify' && client) {
    void client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings(settings, root(), os.homedir()) });
  }
  if (action === 'restart') { java = undefined; subcommands = undefined; }
}

// ------------------------------------------------------------------ the falcoc CLI

interface CliResult { code: number | null; stdout: string; stderr: string }

function runCli(args: string[], cwd?: string): Promise<CliResult | undefined> {
  const rt = runtime();
  if (!rt) return Promise.resolve(undefined);
  const cmd = cliCommand(rt.java, rt.jar, settings.javaArgs, args);
  output.appendLine(`$ falcoc ${args.join(' ')}`);
  return new Promise(resolve => {
    const p = cp.spawn(cmd.command, cmd.args, { cwd: cwd ?? root() ?? os.homedir() });
    let stdout = '', stderr = '';
    p.stdout.on('data', b => { stdout += b; });
    p.stderr.on('data', b => { stderr += b; });
    p.on('error', err => resolve({ code: null, stdout, stderr: stderr + String(err) }));
    p.on('close', code => resolve({ code, stdout, stderr }));
  });
}

async function cliSubcommands(): Promise<string[]> {
  if (!subcommands) {
    const r = await runCli(['--help']);
    subcommands = r ? parseSubcommands(r.stdout + r.stderr) : [];
  }
  return subcommands;
}

function toDiagnostic(f: Finding): vscode.Diagnostic {
  const pos = new vscode.Position(Math.max(0, f.line - 1), Math.max(0, f.column - 1));
  const sev = f.severity === 'error' ? vscode.DiagnosticSeverity.Error
    : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), f.message, sev);
  d.source = 'falcoc check';
  if (f.code) d.code = f.code;
  return d;
}

function byFile(findings: Finding[], cwd: string): Map<string, vscode.Diagnostic[]> {
  const out = new Map<string, vscode.Diagnostic[]>();
  for (const f of findings) {
    const file = path.resolve(cwd, f.file);
    const list = out.get(file) ?? [];
    list.push(toDiagnostic(f));
    out.set(file, list);
  }
  return out;
}

function baseArgs(): string[] {
  const a: string[] = [];
  if (settings.engineVersion) a.push('--engine-version', settings.engineVersion);
  for (const b of settings.base) a.push('--base', expandPath(b, root(), os.homedir()));
  return a;
}

/** Helm values with customRules: the server does not read values files, falcoc check does. */
async function checkHelm(d: vscode.TextDocument): Promise<void> {
  const file = d.uri.fsPath;
  const cwd = path.dirname(file);
  const r = await runCli(['check', '--no-snippet', ...baseArgs(), file], cwd);
  if (!r) return;
  const diags = byFile(parseCheckOutput(r.stdout), cwd).get(file) ?? [];
  helmDiagnostics.set(d.uri, diags);
  if (r.code !== 0 && r.code !== 1) output.appendLine(r.stderr);
}

async function workspaceRulesFiles(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,target,.git}/**', 5000);
  const out: string[] = [];
  for (const u of uris) {
    let text = '';
    try { text = fs.readFileSync(u.fsPath, 'utf8'); } catch { continue; }
    if (path.basename(u.fsPath) === 'falcoc.yaml') continue;
    const kind = classify(u.fsPath, text, { files: settings.files, roots: roots(), detectByContent: settings.detectByContent });
    if (kind === 'rules' || (kind === 'helm' && settings.helmCheck)) out.push(u.fsPath);
  }
  return out.sort();
}

async function checkWorkspace(): Promise<void> {
  const r0 = root();
  if (!r0) { void vscode.window.showWarningMessage('Falco: Check Workspace needs an open folder.'); return; }
  const hasProjectFile = fs.existsSync(path.join(r0, 'falcoc.yaml'));
  const files = chainIsSet(settings) && settings.rules.length > 0 || hasProjectFile ? [] : await workspaceRulesFiles();
  const args = checkArgs(settings, r0, os.homedir(), { hasProjectFile, files });
  if (!args) { void vscode.window.showInformationMessage('Falco: no rules files found in the workspace.'); return; }
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'falcoc check' }, () => runCli(args, r0));
  if (!r) return;
  output.appendLine(r.stdout + r.stderr);
  const findings = parseCheckOutput(r.stdout);
  checkDiagnostics.clear();
  // open rules files already get the server's diagnostics; don't list them twice
  const open = new Set(vscode.workspace.textDocuments.filter(d => d.languageId === LANGUAGE).map(d => d.uri.fsPath));
  for (const [file, diags] of byFile(findings, r0)) if (!open.has(file)) checkDiagnostics.set(vscode.Uri.file(file), diags);
  const errors = findings.filter(f => f.severity === 'error').length;
  const warnings = findings.filter(f => f.severity === 'warning').length;
  if (r.code === 2 || r.code === 4 || r.code === null) {
    output.show(true);
    void vscode.window.showErrorMessage(`falcoc check could not run: ${r.stderr.trim() || `exit ${r.code}`}`);
  } else {
    void vscode.window.showInformationMessage(`falcoc check: ${errors} error(s), ${warnings} warning(s)${findings.length ? ' (see Problems)' : ''}.`);
  }
}

/** The chain files for `falcoc list`, with the document (or a temp copy of its unsaved text) in place. */
function chainWith(d: vscode.TextDocument): string[] {
  const r0 = root();
  let base = settings.base, rules = settings.rules;
  if (!chainIsSet(settings) && r0 && fs.existsSync(path.join(r0, 'falcoc.yaml'))) {
    const p = parseProjectFile(fs.readFileSync(path.join(r0, 'falcoc.yaml'), 'utf8'));
    base = p.base; rules = p.rules;
  }
  const files = [...base, ...rules].map(p => expandPath(p, r0, os.homedir()));
  let me = d.uri.fsPath;
  if (d.isDirty || d.isUntitled) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falcoc-vscode-'));
    const name = d.isUntitled ? 'untitled_rules.yaml' : path.basename(me);
    const tmp = path.join(dir, name);
    fs.writeFileSync(tmp, d.getText());
    const i = files.indexOf(me);
    if (i >= 0) files[i] = tmp; else files.push(tmp);
    return files;
  }
  const inChain = files.some(f => f === me || (me.startsWith(f + path.sep) && path.dirname(me) === f));
  if (!inChain) files.push(me);
  return files;
}

async function showCompiledCondition(): Promise<void> {
  const ed = vscode.window.activeTextEditor;
  if (!ed) return;
  if (ed.document.languageId !== LANGUAGE) {
    void vscode.window.showInformationMessage('Show Compiled Condition works in Falco rules files (for Helm values, use Falco: Check Workspace).');
    return;
  }
  const ref = itemAt(ed.document.getText(), ed.selection.active.line);
  if (!ref) { void vscode.window.showInformationMessage('Put the cursor inside a rule or macro to see its compiled condition.'); return; }
  if (ref.kind === 'list') { void vscode.window.showInformationMessage(`'${ref.name}' is a list: lists have no condition.`); return; }
  const r = await runCli(['list', '--format', 'json', ...chainWith(ed.document)]);
  if (!r) return;
  if (r.code !== 0) {
    void vscode.window.showWarningMessage(`The rules do not load, so there is no compiled condition: ${r.stderr.trim().split('\n').pop()}`);
    return;
  }
  const c = compiledOf(r.stdout, ref);
  if (!c) { void vscode.window.showWarningMessage(`falcoc has no compiled condition for ${ref.kind} '${ref.name}' (disabled or not loaded?).`); return; }
  const text = [
    `# ${c.kind} '${c.name}': compiled condition (macros and lists expanded, as falco -L shows it)`,
    `# event types: ${c.events.length ? c.events.join(', ') : '(none: the rule runs for every event)'}`,
    '',
    c.compiled,
    '',
  ].join('\n');
  const uri = vscode.Uri.parse(`falcoc-compiled:/${encodeURIComponent(c.name)}.falco-condition?${Date.now()}`);
  compiledViews.set(uri.toString(), text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

async function serverCommands(): Promise<string[]> {
  const c = await ensureClient();
  return c?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
}

async function explain(): Promise<void> {
  const ed = vscode.window.activeTextEditor;
  const ref = ed ? itemAt(ed.document.getText(), ed.selection.active.line) : undefined;
  const how = route('explain', await serverCommands(), await cliSubcommands());
  if (how.kind === 'missing') { void vscode.window.showWarningMessage(how.message); return; }
  if (how.kind === 'server') {
    const res = await client!.sendRequest(ExecuteCommandRequest.type, {
      command: how.command,
      arguments: [{ uri: ed?.document.uri.toString(), position: ed ? { line: ed.selection.active.line, character: ed.selection.active.character } : undefined, rule: ref?.name }],
    });
    output.appendLine(typeof res === 'string' ? res : JSON.stringify(res, null, 2));
    output.show(true);
    return;
  }
  // the CLI needs the event to explain against: let the user give the arguments
  const args = await vscode.window.showInputBox({
    title: 'falcoc explain',
    prompt: 'Arguments of falcoc explain (see falcoc explain --help)',
    value: ref ? `--rule "${ref.name}"` : '',
  });
  if (args === undefined) return;
  const r = await runCli(['explain', ...splitArgs(args)]);
  if (!r) return;
  output.appendLine(r.stdout + r.stderr);
  output.show(true);
}

async function runTests(): Promise<void> {
  const r0 = root();
  if (!r0) { void vscode.window.showWarningMessage('Falco: Run Rule Tests needs an open folder.'); return; }
  const how = route('test', await serverCommands(), await cliSubcommands());
  if (how.kind === 'missing') { void vscode.window.showWarningMessage(how.message); return; }
  if (how.kind === 'server') {
    const res = await client!.sendRequest(ExecuteCommandRequest.type, { command: how.command, arguments: [{ uri: vscode.Uri.file(r0).toString() }] });
    output.appendLine(typeof res === 'string' ? res : JSON.stringify(res, null, 2));
    output.show(true);
    return;
  }
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'falcoc test' }, () => runCli(['test', r0], r0));
  if (!r) return;
  output.appendLine(r.stdout + r.stderr);
  output.show(true);
  if (r.code === 0) void vscode.window.showInformationMessage('falcoc test: all rule tests passed.');
  else void vscode.window.showWarningMessage(`falcoc test: ${r.code === 1 ? 'some rule tests failed' : `could not run (exit ${r.code})`}; see the output.`);
}

/** Splits a command line on spaces, keeping quoted parts together. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]);
  return out;
}

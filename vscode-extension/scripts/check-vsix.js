// Lists a .vsix (a zip) and fails unless it holds what the extension needs at run time:
// the manifest, the compiled client, the language client library, the grammars and the server jar.
const fs = require('fs');
const file = process.argv[2];
const buf = fs.readFileSync(file);
let eocd = -1;
for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
  if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
}
if (eocd < 0) { console.error(`${file}: not a zip file`); process.exit(1); }
const count = buf.readUInt16LE(eocd + 10);
let p = buf.readUInt32LE(eocd + 16);
const entries = [];
for (let n = 0; n < count; n++) {
  if (buf.readUInt32LE(p) !== 0x02014b50) { console.error(`${file}: bad central directory`); process.exit(1); }
  const size = buf.readUInt32LE(p + 24);
  const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
  entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
  p += 46 + nameLen + extraLen + commentLen;
}
const names = new Set(entries.map(e => e.name));
const required = [
  'extension/package.json',
  'extension/out/src/extension.js',
  'extension/server/falcoc.jar',
  'extension/syntaxes/falco-rules.tmLanguage.json',
  'extension/syntaxes/falco-condition.injection.tmLanguage.json',
  'extension/syntaxes/falco-helm.injection.tmLanguage.json',
  'extension/language-configuration.json',
  'extension/node_modules/vscode-languageclient/package.json',
];
const top = entries.filter(e => !e.name.startsWith('extension/node_modules/'));
for (const e of top) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);
const deps = entries.filter(e => e.name.startsWith('extension/node_modules/'));
console.log(`  ${String(deps.reduce((a, e) => a + e.size, 0)).padStart(9)}  extension/node_modules/ (${deps.length} files: ${[...new Set(deps.map(e => e.name.split('/')[2]))].join(', ')})`);
const missing = required.filter(r => !names.has(r));
const bytes = fs.statSync(file).size;
console.log(`${file}: ${entries.length} files, ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes)`);
if (missing.length) { console.error(`${file} lacks: ${missing.join(', ')}`); process.exit(1); }

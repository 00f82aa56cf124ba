// Copies the server jar built by Maven (cli/target/falcoc.jar) into server/, where the extension
// and its end-to-end test look for it. Quiet no-op when the jar has not been built.
const fs = require('fs');
const path = require('path');
const src = path.resolve(__dirname, '..', '..', 'cli', 'target', 'falcoc.jar');
const dst = path.resolve(__dirname, '..', 'server', 'falcoc.jar');
if (!fs.existsSync(src)) {
  if (!fs.existsSync(dst)) console.log(`note: ${src} is not built (mvn -pl cli -am package -DskipTests); the end-to-end test will be skipped`);
  process.exit(0);
}
const fresh = fs.existsSync(dst) && fs.statSync(dst).mtimeMs >= fs.statSync(src).mtimeMs && fs.statSync(dst).size === fs.statSync(src).size;
if (!fresh) {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  fs.copyFileSync(src, dst);
  console.log(`copied ${src} -> ${dst}`);
}

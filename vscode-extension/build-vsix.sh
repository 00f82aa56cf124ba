#!/usr/bin/env bash
# Run by Maven (package phase) after the cli module: bundles cli/target/falcoc.jar, then
# npm ci, compile, npm test (unless -DskipTests) and vsce package into target/.
# Without Node.js the .vsix is skipped with a message, and the rest of the build goes on.
set -euo pipefail
cd "$(dirname "$0")"
say() { echo "[vscode-extension] $*"; }
if [ "${VSIX_SKIP:-false}" = "true" ]; then say "skipped (-Dvsix.skip)"; exit 0; fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "SKIPPED: Node.js and npm are not on PATH, so the VS Code extension (.vsix) is not built."
  say "Install Node.js >= 18 with npm (Debian/Ubuntu: apt-get install nodejs npm) to build it."
  exit 0
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  say "SKIPPED: Node.js $(node --version) is too old for the extension build (needs >= 18)."
  exit 0
fi
jar=../cli/target/falcoc.jar
if [ ! -f "$jar" ]; then say "ERROR: $jar is missing: the cli module must be packaged first"; exit 1; fi
mkdir -p server target
cp "$jar" server/falcoc.jar
# npm ci, unless node_modules was installed from this very lockfile (repeat local builds)
stamp=node_modules/.falcoc-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  say "node_modules is up to date with package-lock.json"
else
  say "npm ci (Node.js $(node --version), npm $(npm --version))"
  # no install scripts: nothing here needs one (keytar, vsce's optional keychain helper, is left out)
  npm ci --no-audit --no-fund --prefer-offline --ignore-scripts --omit=optional --loglevel=error
  cp package-lock.json "$stamp"
fi
rm -rf out
npm run --silent compile
if [ "${SKIP_TESTS:-false}" = "true" ]; then
  say "tests skipped (-DskipTests)"
else
  # the Java that runs Maven is a 25 (the enforcer checks): the end-to-end test must not skip here
  FALCOC_E2E_REQUIRED=1 FALCOC_JAVA_HOME="${FALCOC_JAVA_HOME:-${JAVA_HOME:-}}" node --test out/test/*.test.js
fi
version=$(node -p 'require("./package.json").version')
out="target/falcoc-vscode-$version.vsix"
npx --no-install vsce package --skip-license --allow-missing-repository -o "$out" >/dev/null
node scripts/check-vsix.js "$out"
say "built $out"

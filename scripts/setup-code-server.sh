#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end suite (test/vscode-web) needs,
# offline except for the npm registry and Debian's packages:
#   - Debian packages: chromium (the browser playwright-core drives),
#     ripgrep (VS Code's search binary, which @vscode/ripgrep would otherwise
#     download from GitHub), libkrb5-dev (headers for the `kerberos` addon);
#   - code-server (VS Code 1.100 for the browser, on Node 20), in a cache
#     folder outside the repository.
#
# Idempotent: every step leaves a stamp and is skipped when done; a complete
# install is recognised by `.ready` and costs nothing. Fails loudly (exit 1,
# a line starting with "setup-code-server: FAILED") on a real failure.
#
# Environment:
#   MEETING_RECORDS_CACHE  cache root (default ~/.cache/meeting-records)
#   CODE_SERVER_VERSION    default 4.100.3
#   SKIP_APT=1             do not apt-get (the packages must then be present)
#
# Last line of output on success: CODE_SERVER_ENTRY=<path to entry.js>
set -Eeuo pipefail

CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${MEETING_RECORDS_CACHE:-$HOME/.cache/meeting-records}"
command -v node >/dev/null || { echo "setup-code-server: FAILED: node is not on PATH" >&2; exit 1; }
# Native addons are built for one Node ABI: one cache folder per ABI.
NODE_ABI="$(node -p process.versions.modules)"
DIR="$CACHE_ROOT/code-server-$CS_VERSION-node$NODE_ABI"
CS="$DIR/node_modules/code-server"
VSC="$CS/lib/vscode"
ENTRY="$CS/out/node/entry.js"
LOG_DIR="$DIR/logs"
APT_PACKAGES=(chromium ripgrep libkrb5-dev)

START=$SECONDS
say() { printf 'setup-code-server: %s\n' "$*"; }
fail() { printf 'setup-code-server: FAILED: %s\n' "$*" >&2; exit 1; }
trap 'fail "command failed (line $LINENO): $BASH_COMMAND"' ERR

# Runs a step once: `step NAME command...`. Output goes to a log; the tail of
# the log is shown when the step fails.
step() {
  local name="$1"; shift
  local stamp="$DIR/.step-$name" log="$LOG_DIR/$name.log" t0=$SECONDS
  if [[ -f "$stamp" ]]; then say "$name: already done"; return 0; fi
  say "$name ..."
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2 || true
    fail "step '$name' failed; full log: $log"
  fi
  touch "$stamp"
  say "$name: done in $((SECONDS - t0)) s"
}

# --- 1. Debian packages -----------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  [[ "${SKIP_APT:-}" == 1 ]] && fail "missing Debian packages: ${missing[*]} (SKIP_APT=1)"
  SUDO=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO=(sudo)
  fi
  say "apt-get install ${missing[*]} ..."
  t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=900 >/dev/null || fail "apt-get update failed"
  "${SUDO[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=900 "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
  say "apt-get: done in $((SECONDS - t0)) s"
else
  say "Debian packages present: ${APT_PACKAGES[*]}"
fi
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing after installing chromium"
RG="$(command -v rg || true)"
[[ -n "$RG" ]] || fail "rg is missing after installing ripgrep"

# --- 2. code-server ---------------------------------------------------------
if [[ -f "$DIR/.ready" && -f "$ENTRY" ]]; then
  say "code-server $CS_VERSION ready in $DIR ($((SECONDS - START)) s)"
  echo "CODE_SERVER_ENTRY=$ENTRY"
  exit 0
fi
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || fail "code-server $CS_VERSION needs Node 20 (found $(node -v))"
mkdir -p "$DIR" "$LOG_DIR"

# The cache folder is its own npm project, so npm's allowScripts policy is ours.
if [[ ! -f "$DIR/package.json" ]]; then
  cat >"$DIR/package.json" <<EOF
{
  "name": "meeting-records-code-server-cache",
  "private": true,
  "description": "code-server for the Meeting Records end-to-end tests (made by scripts/setup-code-server.sh)",
  "allowScripts": { "argon2": true }
}
EOF
fi

# code-server's own postinstall would download ripgrep from GitHub: no scripts.
step install-code-server \
  npm install --prefix "$DIR" --ignore-scripts --no-audit --no-fund "code-server@$CS_VERSION"

rebuild_argon2() {
  (cd "$DIR" && npm rebuild argon2 --build-from-source --foreground-scripts --dangerously-allow-all-scripts)
  find "$DIR/node_modules/argon2" -name '*.node' | grep -q . || { echo "no argon2 .node built"; return 1; }
}
step rebuild-argon2 rebuild_argon2

step vscode-deps \
  bash -c "cd '$VSC' && npm install --omit=dev --ignore-scripts --no-audit --no-fund"

place_rg() {
  mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
  cp -f "$RG" "$VSC/node_modules/@vscode/ripgrep/bin/rg"
  chmod +x "$VSC/node_modules/@vscode/ripgrep/bin/rg"
  "$VSC/node_modules/@vscode/ripgrep/bin/rg" --version
}
step ripgrep place_rg

# Native addons of VS Code's server. node-pty's post-install fails writing
# compile_commands.json after pty.node is built: tolerated, then checked below.
rebuild_vscode() {
  (cd "$VSC" && npm rebuild --foreground-scripts --dangerously-allow-all-scripts) || echo "(npm rebuild exited $?; checking the addons)"
  (cd "$VSC" && node -e '
    const bad = [];
    for (const m of ["node-pty", "@vscode/spdlog", "native-watchdog", "@parcel/watcher", "kerberos"]) {
      try { require(m); } catch (e) { bad.push(m + ": " + String(e.message).split("\n")[0]); }
    }
    if (bad.length) { console.log("native addons that do not load:\n" + bad.join("\n")); process.exit(1); }
    console.log("native addons load");
  ')
}
step vscode-rebuild rebuild_vscode

[[ -e "$VSC/node_modules.asar" ]] || ln -s node_modules "$VSC/node_modules.asar"

step extensions-deps \
  bash -c "cd '$VSC/extensions' && npm install --omit=dev --no-audit --no-fund --foreground-scripts --dangerously-allow-all-scripts"

[[ -f "$ENTRY" ]] || fail "code-server entry point missing: $ENTRY"
touch "$DIR/config.yaml"  # so that --version does not write ~/.config/code-server
node "$ENTRY" --config "$DIR/config.yaml" --version >"$LOG_DIR/version.log" 2>&1 \
  || { cat "$LOG_DIR/version.log" >&2; fail "code-server does not start"; }
say "code-server: $(tail -n1 "$LOG_DIR/version.log")"
touch "$DIR/.ready"
say "code-server $CS_VERSION ready in $DIR ($((SECONDS - START)) s)"
echo "CODE_SERVER_ENTRY=$ENTRY"

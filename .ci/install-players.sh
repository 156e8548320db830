#!/usr/bin/env bash
# Install the real players the conformance tests drive: headless Chromium and ffmpeg (Debian packages).
# Idempotent and quiet: does nothing when both are on PATH. Under CI (CI=true) a failed install is fatal;
# elsewhere it prints why, and the tests that need the players skip with a reason.
set -uo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
missing=()
have chromium || have chromium-browser || missing+=(chromium)
have ffmpeg || missing+=(ffmpeg)
[ ${#missing[@]} -eq 0 ] && exit 0

fail() {
  echo "install-players: $1" >&2
  if [ "${CI:-}" = "true" ]; then
    echo "install-players: CI needs ${missing[*]} for the player tests" >&2
    exit 1
  fi
  echo "install-players: the player tests will skip" >&2
  exit 0
}

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  have sudo || fail "not root and no sudo: cannot apt-get install ${missing[*]}"
  sudo=(sudo -n)
fi
have apt-get || fail "no apt-get: install ${missing[*]} by hand"

log=$(mktemp -t install-players.XXXXXX.log)
echo "install-players: installing ${missing[*]} with apt-get (log: $log)" >&2
if ! { "${sudo[@]}" apt-get update -qq \
       && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" fonts-dejavu-core; } >"$log" 2>&1; then
  tail -20 "$log" >&2
  fail "apt-get install ${missing[*]} failed"
fi
for tool in "${missing[@]}"; do
  have "$tool" || fail "$tool is still not on PATH after apt-get install"
done
rm -f "$log"

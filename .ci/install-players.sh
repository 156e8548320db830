#!/usr/bin/env bash
# Install the real players the conformance tests drive: headless Chromium and ffmpeg (Debian packages);
# then the speech synthesisers espeak-ng and flite that make the speech-alignment tests' audio.
# Idempotent and quiet: does nothing when all are on PATH. Under CI (CI=true) a failed install is fatal;
# elsewhere it prints why, and the tests that need the tools skip with a reason.
set -uo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

# install PURPOSE TOOL...: apt-get install the missing TOOLs (a subshell: a failure outside CI ends this
# step only; under CI it exits 1)
install() (
  purpose=$1
  shift
  missing=("$@")
  [ ${#missing[@]} -eq 0 ] && exit 0

  fail() {
    echo "install-players: $1" >&2
    if [ "${CI:-}" = "true" ]; then
      echo "install-players: CI needs ${missing[*]} for the $purpose" >&2
      exit 1
    fi
    echo "install-players: the $purpose will skip" >&2
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
)

players=()
have chromium || have chromium-browser || players+=(chromium)
have ffmpeg || players+=(ffmpeg)
install "player tests" "${players[@]}" || exit 1

speech=()
have espeak-ng || speech+=(espeak-ng)
have flite || speech+=(flite)
install "speech tests" "${speech[@]}" || exit 1

#!/usr/bin/env bash
# Install the real players the conformance tests drive: headless Chromium and ffmpeg (Debian packages).
# Idempotent; under CI a failed install is fatal, elsewhere the tests that need them skip with a reason.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} with apt-get" >&2
if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       "${missing[@]}" fonts-dejavu-core; } >/tmp/install-players.log 2>&1; then
  exit 0
fi
tail -20 /tmp/install-players.log >&2
if [ "${CI:-}" = "true" ]; then
  echo "could not install ${missing[*]}: the player tests need them" >&2
  exit 1
fi
echo "could not install ${missing[*]}; the player tests will skip" >&2
exit 0

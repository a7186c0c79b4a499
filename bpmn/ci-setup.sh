#!/usr/bin/env bash
# Debian packages the bpmn tests need beyond npm: chromium renders the models with bpmn-js
# (test/render.test.ts) and the CJK fonts make the Chinese labels legible in the screenshots.
# Idempotent; run as root, no stdin needed.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
  echo "bpmn/ci-setup.sh: installing Debian packages: ${missing[*]}"
  flock /tmp/isccc-apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing[*]} >/dev/null"
fi

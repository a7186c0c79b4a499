#!/usr/bin/env bash
# What the CLI's tests need beyond npm, installed from the registries into a cache kept between runs.
# Idempotent; seconds when everything is there. Run from anywhere, as root, no stdin needed.
# - a Python virtualenv with test/support/requirements.txt (openpyxl, compliance-trestle), from PyPI;
# - NIST's OSCAL 1.1.2 JSON schemas, as NIST publishes them inside liboscal-java on Maven Central;
# - chromium and CJK fonts, which render the self-assessment page to a PNG.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${ISCCC_CACHE:-$HOME/.cache/isccc-flow}"
venv="$cache/venv"
requirements="$here/test/support/requirements.txt"
LIBOSCAL_VERSION=3.0.3
schemas="$cache/oscal-schemas-liboscal-java-$LIBOSCAL_VERSION"

log() { echo "workers/cli/ci-setup.sh: $*"; }

debian_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  command -v python3 >/dev/null || missing+=(python3)
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  if ! command -v mvn >/dev/null && [[ ! -f "$schemas/oscal-ar_schema.json" ]]; then missing+=(maven openjdk-17-jdk-headless); fi
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    flock /tmp/isccc-apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing[*]} >/dev/null"
  fi
}

python_packages() {
  local want stamp="$venv/.requirements.sha256"
  want="$(sha256sum "$requirements" | cut -d' ' -f1)"
  [[ -x "$venv/bin/python" && "$(cat "$stamp" 2>/dev/null)" == "$want" ]] && return
  log "installing $(grep -v '^#' "$requirements" | xargs) into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
  echo "$want" >"$stamp"
}

oscal_schemas() {
  [[ -f "$schemas/oscal-ar_schema.json" && -f "$schemas/oscal-catalog_schema.json" ]] && return
  log "fetching the OSCAL JSON schemas from gov.nist.secauto.oscal:liboscal-java:$LIBOSCAL_VERSION"
  local tmp
  tmp="$(mktemp -d)"
  mvn -q -B -Dstyle.color=never dependency:copy -Dartifact="gov.nist.secauto.oscal:liboscal-java:$LIBOSCAL_VERSION" -DoutputDirectory="$tmp" >/dev/null
  mkdir -p "$schemas.partial"
  python3 - "$tmp/liboscal-java-$LIBOSCAL_VERSION.jar" "$schemas.partial" <<'PY'
import sys, zipfile, pathlib
jar, out = sys.argv[1], pathlib.Path(sys.argv[2])
with zipfile.ZipFile(jar) as z:
    for name in z.namelist():
        if name.startswith('schema/json/') and name.endswith('.json'):
            (out / pathlib.Path(name).name).write_bytes(z.read(name))
PY
  rm -rf "$schemas" "$tmp"
  mv "$schemas.partial" "$schemas"
}

debian_packages
python_packages
oscal_schemas

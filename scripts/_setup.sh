# Shared by scripts/run and scripts/test: a virtualenv with the pinned requirements.
# Sourced, not executed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r "${REQUIREMENTS:-requirements.txt}"
export PATH="$PWD/.venv/bin:$PATH"

# The settings fail closed (no secret key, DEBUG off). For development and tests a random
# key of this checkout's own, kept in var/ so that sessions survive a restart.
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  mkdir -p var
  [ -s var/dev-secret-key ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' >var/dev-secret-key
  DJANGO_SECRET_KEY=$(cat var/dev-secret-key)
  export DJANGO_SECRET_KEY
fi

# WeasyPrint renders report PDFs with Pango; Chromium runs the browser tests. Both come
# from Debian's packages and are installed once per machine.
need_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

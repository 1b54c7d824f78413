#!/usr/bin/env bash
# Installs the official Kubernetes Python client (Debian's python3-kubernetes), the second independent client
# (besides kubectl) that tests/Jobman.Testing.Tests drives against the Kubernetes double. The tests run Debian's
# /usr/bin/python3 explicitly: another python3 earlier on PATH (pyenv) would not see the module.
# Idempotent: does nothing when the module is already importable. Needs root or sudo (apt-get).
set -euo pipefail

if /usr/bin/python3 -c 'import kubernetes' >/dev/null 2>&1; then
  echo "install-python-client: python3-kubernetes already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends python3-kubernetes
/usr/bin/python3 -c 'import kubernetes; print("python3-kubernetes", kubernetes.__version__)'

#!/usr/bin/env bash
# Installs what the OCI registry plugin tests (tests/Jobman.Plugins.OciRegistry.Tests) run against:
#   - docker-registry: the real CNCF distribution registry v2 (Debian package, /usr/bin/docker-registry)
#   - skopeo: pushes the test images (OCI layouts) into it
# and what tests/Jobman.Testing.Tests drives against the Kubernetes double besides kubectl:
#   - python3-kubernetes: the official Python client (the tests run Debian's /usr/bin/python3 explicitly: another
#     python3 earlier on PATH, e.g. pyenv's, would not see the module)
# and the shells whose completion scripts tests/Jobman.Cli.Tests runs for real: zsh and fish.
# Idempotent: does nothing when all are already installed. Needs root or sudo (apt-get).
set -euo pipefail

if [ -x /usr/bin/docker-registry ] && command -v skopeo >/dev/null 2>&1 && /usr/bin/python3 -c 'import kubernetes' >/dev/null 2>&1 \
  && command -v zsh >/dev/null 2>&1 && command -v fish >/dev/null 2>&1; then
  echo "install-registry-tools: docker-registry, skopeo, python3-kubernetes, zsh and fish already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends docker-registry skopeo python3-kubernetes zsh fish

# The package may start a registry service on :5000 where systemd runs; the tests start their own on free ports.
/usr/bin/docker-registry --version
skopeo --version
/usr/bin/python3 -c 'import kubernetes; print("python3-kubernetes", kubernetes.__version__)'
zsh --version
fish --version

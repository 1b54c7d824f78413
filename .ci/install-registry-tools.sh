#!/usr/bin/env bash
# Installs what the OCI registry plugin tests (tests/Jobman.Plugins.OciRegistry.Tests) run against:
#   - docker-registry: the real CNCF distribution registry v2 (Debian package, /usr/bin/docker-registry)
#   - skopeo: pushes the test images (OCI layouts) into it
#   - python3-kubernetes: the official Python client, an independent client of the Kubernetes double
# Idempotent: does nothing when both are already installed. Needs root or sudo (apt-get).
set -euo pipefail

if [ -x /usr/bin/docker-registry ] && command -v skopeo >/dev/null 2>&1 && /usr/bin/python3 -c 'import kubernetes' 2>/dev/null; then
  echo "install-registry-tools: docker-registry, skopeo and python3-kubernetes already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends docker-registry skopeo python3-kubernetes

# The package may start a registry service on :5000 where systemd runs; the tests start their own on free ports.
/usr/bin/docker-registry --version
skopeo --version
/usr/bin/python3 -c 'import kubernetes; print("python3-kubernetes", kubernetes.__version__)'

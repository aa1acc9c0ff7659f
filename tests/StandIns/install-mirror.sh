#!/usr/bin/env bash
# Lays out an unpacked filesystem mirror holding the stand-ins under the real source addresses:
#   MIRROR_DIR/registry.terraform.io/hashicorp/helm/3.1.2/<os>_<arch>/terraform-provider-helm_v3.1.2
#   MIRROR_DIR/registry.terraform.io/hashicorp/kubernetes/2.38.0/<os>_<arch>/terraform-provider-kubernetes_v2.38.0
# Each directory gets the whole (framework-dependent) build output, with the apphost copied
# under the provider's file name. Prints the two directories. Idempotent.
set -euo pipefail

if [[ $# -ne 1 || $1 == -h || $1 == --help ]]; then
  echo "usage: $0 MIRROR_DIR   (builds tests/StandIns/Crd.StandIns and installs the helm 3.1.2 and kubernetes 2.38.0 stand-ins)" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mirror=$1
mkdir -p "$mirror"
mirror=$(cd "$mirror" && pwd)

case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "install-mirror.sh: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')

dotnet build "$here/Crd.StandIns/Crd.StandIns.csproj" -c Debug -v quiet -clp:ErrorsOnly -nologo >&2
out="$here/Crd.StandIns/bin/Debug/net10.0"

for spec in helm:3.1.2 kubernetes:2.38.0; do
  name=${spec%%:*}
  version=${spec#*:}
  dir="$mirror/registry.terraform.io/hashicorp/$name/$version/${os}_$arch"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -R "$out/." "$dir/"
  mv "$dir/terraform-provider-standins" "$dir/terraform-provider-${name}_v$version"
  chmod +x "$dir/terraform-provider-${name}_v$version"
  echo "$dir"
done

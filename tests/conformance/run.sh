#!/usr/bin/env bash
# Builds the test provider (unless CRD_CONFORMANCE_PROVIDER points at a binary), installs the
# pinned grpc-js client and runs the conformance suite with node's test runner.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
command -v node >/dev/null || { echo "conformance: node is not installed" >&2; exit 1; }
command -v openssl >/dev/null || { echo "conformance: openssl is not installed" >&2; exit 1; }
if [[ -z "${CRD_CONFORMANCE_PROVIDER:-}" ]]; then
  dotnet build "$repo/tests/Crd.Terraform.Plugin.TestProvider/Crd.Terraform.Plugin.TestProvider.csproj" -c Release --nologo -v quiet
  export CRD_CONFORMANCE_PROVIDER="$repo/tests/Crd.Terraform.Plugin.TestProvider/bin/Release/net10.0/terraform-provider-sdktest"
fi
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
node --test

#!/usr/bin/env bash
# Drives the SDK test provider with a real Terraform or OpenTofu CLI when one is on PATH
# (none can be installed from the registries our CI reaches, so this complements the
# Terraform-faithful harness rather than replacing it): apply, empty plan, in-place update,
# empty plan, destroy. Prints TAP-style "# pass/# fail" counts; skips when no CLI is found.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cli="$(command -v terraform || command -v tofu || true)"
if [[ -z "$cli" ]]; then echo "real-terraform: no terraform/tofu CLI on PATH: skipped"; echo "# pass 0"; echo "# fail 0"; exit 0; fi
provider_dir="$repo/tests/Crd.Terraform.Plugin.TestProvider/bin/Debug/net10.0"
[[ -x "$provider_dir/terraform-provider-sdktest" ]] || dotnet build "$repo/tests/Crd.Terraform.Plugin.TestProvider" --nologo -v quiet -clp:ErrorsOnly
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cp "$here/main.tf" "$work/"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides { "crd-cloud/sdktest" = "$provider_dir" }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" SDKTEST_STORE="$work/store" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
cd "$work"
fail() { echo "real-terraform: $*"; echo "# pass 0"; echo "# fail 1"; exit 1; }
"$cli" apply -auto-approve -no-color -input=false >apply1.log 2>&1 || { cat apply1.log; fail "first apply failed"; }
"$cli" plan -detailed-exitcode -no-color -input=false >plan1.log 2>&1 || { cat plan1.log; fail "plan after apply is not empty"; }
grep 'Warning:' apply1.log | grep -qv 'Provider development overrides' && { cat apply1.log; fail "unexpected warnings"; }
grep -q 'write-only' terraform.tfstate && fail "a write-only value reached the state"
"$cli" apply -auto-approve -no-color -input=false -var name=beta >apply2.log 2>&1 || { cat apply2.log; fail "in-place update failed"; }
grep -q '1 changed' apply2.log || { cat apply2.log; fail "the rename was not an in-place update"; }
"$cli" plan -detailed-exitcode -no-color -input=false -var name=beta >plan2.log 2>&1 || { cat plan2.log; fail "plan after update is not empty"; }
"$cli" destroy -auto-approve -no-color -input=false -var name=beta >destroy.log 2>&1 || { cat destroy.log; fail "destroy failed"; }
[[ -z "$(ls -A store 2>/dev/null)" ]] || fail "objects left in the store after destroy"
echo "real-terraform: $("$cli" version | head -n1): apply, empty plan, update, empty plan, destroy: ok"
echo "# pass 1"; echo "# fail 0"

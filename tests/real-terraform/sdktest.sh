#!/usr/bin/env bash
# Real-CLI smoke run of the SDK through the sdktest provider: apply, empty plan, in-place
# update, empty plan, destroy, and no write-only value in the state. Needs no crd-sim.
source "$(dirname "$0")/lib.sh"
[[ -n "$RT_CLI" ]] || rt_skip "no terraform/tofu CLI on PATH"
sdktest="${SDKTEST_PROVIDER_DIR:-$RT_REPO/tests/Crd.Terraform.Plugin.TestProvider/bin/Debug/net10.0}"
[[ -x "$sdktest/terraform-provider-sdktest" ]] || rt_skip "no SDK test provider in $sdktest (build the solution first)"
RT_WORK="$(mktemp -d "${TMPDIR:-/tmp}/crd-rt-sdktest.XXXXXX")"
RT_TF="$RT_WORK/tf"; mkdir -p "$RT_TF"
cp "$RT_HERE/sdktest.tf" "$RT_TF/main.tf"
cat >"$RT_WORK/terraformrc" <<RC
provider_installation {
  dev_overrides { "crd-cloud/sdktest" = "$sdktest" }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$RT_WORK/terraformrc" SDKTEST_STORE="$RT_WORK/store" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

rt_apply && rt_ok "apply" || rt_fail "first apply failed"
rt_plan_empty && rt_ok "empty plan after apply" || rt_fail "plan after apply is not empty"
grep 'Warning:' "$RT_WORK/01-apply.log" | grep -qv 'Provider development overrides' && rt_fail "unexpected warnings in apply"
rt_state_has 'write-only' && rt_fail "a write-only value reached the state" || rt_ok "write-only value absent from the state"
rt_expect_change 0 1 0 -var name=beta && rt_ok "rename is an in-place update" || rt_fail "the rename was not an in-place update"
rt_plan_empty -var name=beta && rt_ok "empty plan after update" || rt_fail "plan after update is not empty"
rt_destroy -var name=beta && rt_ok "destroy" || rt_fail "destroy failed"
[[ -z "$(ls -A "$RT_WORK/store" 2>/dev/null)" ]] && rt_ok "store empty after destroy" || rt_fail "objects left in the store after destroy"
rt_done

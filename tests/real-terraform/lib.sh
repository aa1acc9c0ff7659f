# Shared steps of the real-Terraform scenarios (tests/real-terraform/scenarios/*.sh): a crd-sim
# of their own, the crd provider binary (and the SDK test provider) through dev_overrides, and
# TAP-style counts. Sourced, never run. A scenario:
#   source "$(dirname "$0")/../lib.sh"
#   rt_start                      # crd-sim --instant, $RT_TF with provider.tf
#   cat >"$RT_TF/main.tf" <<'HCL' ... HCL
#   rt_expect_change 1 0 0 && rt_ok "create" || rt_fail "create"
#   rt_plan_empty && rt_ok "empty plan" || rt_fail "plan after create is not empty"
#   rt_done
# Everything lives in $RT_WORK, removed on exit with crd-sim stopped, so a run leaves nothing.
set -uo pipefail

RT_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RT_REPO="$(cd "$RT_HERE/../.." && pwd)"
RT_NAME="$(basename "${0%.sh}")"
RT_CLI="$(command -v terraform || command -v tofu || true)"
RT_PASS=0
RT_FAIL=0
RT_STEP=0
RT_SIM_PID=""
RT_WORK=""

rt_cleanup() {
  if [[ -n "$RT_SIM_PID" ]]; then
    kill "$RT_SIM_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$RT_SIM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$RT_SIM_PID" 2>/dev/null
  fi
  # Provider processes of an interrupted terraform run die with their parent; wait for them
  # before removing the plugin sockets' directory.
  [[ -n "$RT_WORK" && "${RT_KEEP:-0}" != 1 ]] && rm -rf "$RT_WORK"
  return 0
}
trap rt_cleanup EXIT

rt_ok() { RT_PASS=$((RT_PASS + 1)); echo "ok - $RT_NAME: $*"; }
rt_fail() {
  RT_FAIL=$((RT_FAIL + 1)); echo "not ok - $RT_NAME: $*"
  local log; log="$(rt_last_log)"; [[ -n "$log" && -f "$log" ]] && sed 's/^/    | /' "$log" | tail -n 40
  return 0
}
rt_done() {
  echo "# pass $RT_PASS"; echo "# fail $RT_FAIL"
  [[ $RT_FAIL -eq 0 ]]; exit $?
}
# Skips the whole scenario (no CLI, missing build): counts nothing, says why.
rt_skip() { echo "$RT_NAME: skipped: $*"; echo "# pass 0"; echo "# fail 0"; exit 0; }

rt_provider_path() {
  if [[ -n "${CRD_PROVIDER_PATH:-}" ]]; then echo "$CRD_PROVIDER_PATH"; return; fi
  echo "$RT_REPO/provider/Crd.Provider/bin/Debug/net10.0/terraform-provider-crd"
}

# rt_start [--no-instant] [crd-sim up options...]
rt_start() {
  [[ -n "$RT_CLI" ]] || rt_skip "no terraform/tofu CLI on PATH"
  local instant="--instant" args=()
  for a in "$@"; do if [[ "$a" == "--no-instant" ]]; then instant=""; else args+=("$a"); fi; done
  local provider sim sdktest
  provider="$(rt_provider_path)"
  sim="$RT_REPO/simulator/Crd.Simulator/bin/Debug/net10.0/crd-sim"
  sdktest="${SDKTEST_PROVIDER_DIR:-$RT_REPO/tests/Crd.Terraform.Plugin.TestProvider/bin/Debug/net10.0}"
  [[ -x "$provider" ]] || rt_skip "no provider binary at $provider (build or publish it first)"
  [[ -x "$sim" ]] || rt_skip "no crd-sim at $sim (dotnet build the solution first)"
  RT_WORK="$(mktemp -d "${TMPDIR:-/tmp}/crd-rt-$RT_NAME.XXXXXX")"
  RT_TF="$RT_WORK/tf"
  mkdir -p "$RT_TF"
  "$sim" up --data "$RT_WORK/sim" --port 0 $instant "${args[@]}" >"$RT_WORK/crd-sim.log" 2>&1 &
  RT_SIM_PID=$!
  for _ in $(seq 1 300); do
    grep -q '^crd-sim ready' "$RT_WORK/crd-sim.log" && break
    kill -0 "$RT_SIM_PID" 2>/dev/null || { cat "$RT_WORK/crd-sim.log"; echo "$RT_NAME: crd-sim did not start"; echo "# pass 0"; echo "# fail 1"; exit 1; }
    sleep 0.1
  done
  RT_SIM_URL="$(sed -n 's/^crd-sim ready //p' "$RT_WORK/crd-sim.log")"
  export RT_SIM_URL RT_WORK RT_TF
  cp "$RT_WORK/sim/provider.tf" "$RT_TF/provider.tf"
  cat >"$RT_WORK/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "crd-cloud/crd"     = "$(dirname "$provider")"
    "crd-cloud/sdktest" = "$sdktest"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$RT_WORK/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  export TF_DATA_DIR="$RT_WORK/tf-data"
}

RT_LAST_LOG=""
rt_last_log() { echo "$RT_LAST_LOG"; }

# rt_tf <terraform command> [args...]: runs the CLI in $RT_TF, output to a numbered log.
rt_tf() {
  RT_STEP=$((RT_STEP + 1))
  RT_LAST_LOG="$RT_WORK/$(printf '%02d' "$RT_STEP")-$1.log"
  local cmd="$1"; shift
  local extra=()
  case "$cmd" in
    apply|destroy) extra=(-no-color -input=false -auto-approve) ;;
    plan|import|refresh) extra=(-no-color -input=false) ;;
    init|validate|output|show|test) extra=(-no-color) ;;
  esac
  (cd "$RT_TF" && "$RT_CLI" "$cmd" "${extra[@]}" "$@") >"$RT_LAST_LOG" 2>&1
}

rt_apply() { rt_tf apply "$@"; }
rt_destroy() { rt_tf destroy "$@"; }

# Exit code 0 of plan -detailed-exitcode: no change at all.
rt_plan_empty() { rt_tf plan -detailed-exitcode "$@"; }

# rt_expect_change ADD CHANGE DESTROY [apply args...]: apply, then check Terraform's summary.
rt_expect_change() {
  local add="$1" change="$2" destroy="$3"; shift 3
  rt_tf apply "$@" || return 1
  grep -Eq "Resources: ([0-9]+ imported, )?$add added, $change changed, $destroy destroyed" "$RT_LAST_LOG"
}

# Prints the body of GET <path> on crd-sim (path starts with /).
rt_sim_get() { curl -fsS "$RT_SIM_URL$1"; }

# rt_state_has <text>: true when the state file holds the text (for secrets that must not).
rt_state_has() { grep -q -- "$1" "$RT_TF/terraform.tfstate" 2>/dev/null; }

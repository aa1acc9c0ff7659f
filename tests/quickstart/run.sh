#!/usr/bin/env bash
# The main job as a newcomer runs it: scripts/quickstart twice (the second run must change
# nothing, with crd-sim's data and the state kept), then --destroy (crd-sim's tenant empty, work
# dir gone). Uses the published provider ($CRD_PROVIDER_PATH) and the Debug crd-sim so that it
# does not publish again. TAP-style counts; skips without a terraform/tofu CLI.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="$(command -v terraform || command -v tofu || true)"
[[ -n "$cli" ]] || { echo "quickstart: no terraform/tofu CLI on PATH: skipped"; echo "# pass 0"; echo "# fail 0"; exit 0; }
provider="${CRD_PROVIDER_PATH:-$repo/provider/Crd.Provider/bin/Debug/net10.0/terraform-provider-crd}"
sim="$repo/simulator/Crd.Simulator/bin/Debug/net10.0/crd-sim"
work="$(mktemp -d "${TMPDIR:-/tmp}/crd-quickstart.XXXXXX")"
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok - quickstart: $*"; }
bad() { fail=$((fail + 1)); echo "not ok - quickstart: $*"; sed 's/^/    | /' "$log" | tail -n 30; }
qs() { "$repo/scripts/quickstart" --work "$work/qs" --provider "$provider" --sim "$sim" "$@" >"$log" 2>&1; }

log="$work/run1.log"
qs && grep -q 'Resources: 6 added, 0 changed, 0 destroyed' "$log" && grep -q 'no changes are needed' "$log" && ok "first run adds 6 and plans empty" || bad "first run"
grep -q 'scripts/quickstart --keep' "$log" && ok "closing line says how to keep the dashboard up" || bad "closing line"
log="$work/run2.log"
qs && grep -q 'Resources: 0 added, 0 changed, 0 destroyed' "$log" && grep -q 'no changes are needed' "$log" && ok "second run changes nothing" || bad "second run is not idempotent"
log="$work/run3.log"
qs && grep -q 'Resources: 0 added, 0 changed, 0 destroyed' "$log" && ok "third run changes nothing" || bad "third run"
log="$work/destroy.log"
qs --destroy && grep -q 'Resources: 6 destroyed' "$log" && ok "--destroy destroys the 6 objects" || bad "--destroy"
[[ ! -e "$work/qs" ]] && ok "--destroy removes the work dir" || bad "work dir left after --destroy"
pgrep -f "$work/qs/sim-data" >/dev/null && bad "crd-sim still running after --destroy" || ok "crd-sim stopped"
echo "# pass $pass"
echo "# fail $fail"
[[ $fail -eq 0 ]]

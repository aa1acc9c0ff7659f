#!/usr/bin/env bash
# Tests of modules/* (DESIGN.md §8), printing "# pass N" / "# fail N":
#   1. hcl2json schema lint (no CLI needed): every .tf parses with @cdktf/hcl2json and every
#      crd_* attribute and block it sets exists in the provider's live schema (lint.mjs);
#   2. with a terraform (or tofu) CLI on PATH: fmt -check, get + validate of each module and
#      example, `terraform test` plan-only files (mock provider), then on a fresh crd-sim the
#      apply test files and an apply of each example checked against crd-sim's own records,
#      an empty second plan, and destroy leaving nothing. Without a CLI those are skipped.
# The provider is $CRD_PROVIDER_PATH or the Debug build (built if missing). Nothing is written
# in the repository: modules are copied to a temporary directory, removed on exit with crd-sim.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
pass=0
fail=0
work="$(mktemp -d)"
sim_pid=""
cleanup() { [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

check() { # check "<what>" command...: runs it with output in a log, prints ok/not ok
  local what="$1"; shift
  local log="$work/check-$((pass + fail + 1)).log"
  if "$@" >"$log" 2>&1; then
    pass=$((pass + 1)); echo "ok - $what"
  else
    fail=$((fail + 1)); echo "not ok - $what"; tail -n 60 "$log" | sed 's/^/    /'
  fi
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
provider="${CRD_PROVIDER_PATH:-$repo/provider/Crd.Provider/bin/Debug/net10.0/terraform-provider-crd}"
if [[ ! -x "$provider" ]]; then
  dotnet build "$repo/provider/Crd.Provider" -v quiet -clp:ErrorsOnly >/dev/null || { echo "modules: cannot build the provider"; echo "# pass 0"; echo "# fail 1"; exit 1; }
fi

# 1. Schema lint, no CLI.
if command -v node >/dev/null && command -v npm >/dev/null; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) || { cat "$work/npm.log"; }
  check "hcl2json: modules and examples parse, every crd_* attribute exists in the schema" node "$here/lint.mjs" "$provider" "$repo/modules" "$repo/examples"
  check "hcl2json: the lint rejects a misspelled argument, a computed-only attribute, a missing required one" \
    bash -c "! node '$here/lint.mjs' '$provider' '$here/testdata/misspelled' >'$work/lint-bad.log' && [[ \$(grep -c 'typo' '$work/lint-bad.log') -eq 5 ]]"
else
  echo "modules: node/npm not found: hcl2json lint skipped"
fi

cli="$(command -v terraform || command -v tofu || true)"
if [[ -z "$cli" ]]; then
  echo "modules: no terraform/tofu CLI on PATH: fmt, validate and terraform test skipped"
  echo "# pass $pass"; echo "# fail $fail"
  [[ $fail -eq 0 ]]; exit
fi
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides { "crd-cloud/crd" = "$(dirname "$provider")" }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
echo "modules: $("$cli" version | head -n1)"

# 2. Per module: fmt, validate, plan-only tests; examples validate.
modules=()
for dir in "$repo"/modules/*/; do
  name="$(basename "$dir")"
  modules+=("$name")
  check "$name: terraform fmt -check" "$cli" fmt -check -recursive -diff "$dir"
  mkdir -p "$work/modules"
  cp -r "$dir" "$work/modules/$name"
  # With dev_overrides, `init` would still look the provider up in the registry (unreachable
  # here): `get` installs the modules, the override supplies the provider.
  check "$name: validate" bash -c "cd '$work/modules/$name' && '$cli' get -no-color && '$cli' validate -no-color"
  for test in "$work/modules/$name"/tests/*.tftest.hcl; do
    [[ -e "$test" ]] || continue
    grep -q '^mock_provider' "$test" || continue
    check "$name: terraform test $(basename "$test") (plan-only, mock provider)" bash -c "cd '$work/modules/$name' && '$cli' test -no-color -filter=tests/$(basename "$test")"
  done
  for example in "$work/modules/$name"/examples/*/; do
    [[ -d "$example" ]] || continue
    check "$name: example $(basename "$example"): validate" bash -c "cd '$example' && '$cli' get -no-color && '$cli' validate -no-color"
  done
done

# 3. crd-sim for the apply tests.
sim_dll="$repo/simulator/Crd.Simulator/bin/Debug/net10.0/crd-sim.dll"
[[ -f "$sim_dll" ]] || dotnet build "$repo/simulator/Crd.Simulator" -v quiet -clp:ErrorsOnly >/dev/null
dotnet "$sim_dll" up --data "$work/sim" --port 0 --instant >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 300); do
  grep -q '^crd-sim ready' "$work/sim.log" && break
  kill -0 "$sim_pid" 2>/dev/null || break
  sleep 0.1
done
sim_url="$(sed -n 's/^crd-sim ready \(http[^ ]*\).*/\1/p' "$work/sim.log" | head -n1)"
if [[ -z "$sim_url" ]]; then
  cat "$work/sim.log"; fail=$((fail + 1)); echo "not ok - crd-sim did not start"
  echo "# pass $pass"; echo "# fail $fail"; exit 1
fi
export OS_CLIENT_CONFIG_FILE="$work/sim/clouds.yaml"

for name in "${modules[@]}"; do
  for test in "$work/modules/$name"/tests/*.tftest.hcl; do
    [[ -e "$test" ]] || continue
    grep -q '^mock_provider' "$test" && continue
    check "$name: terraform test $(basename "$test") (apply on crd-sim)" bash -c "cd '$work/modules/$name' && '$cli' test -no-color -filter=tests/$(basename "$test")"
  done
  for example in "$work/modules/$name"/examples/*/; do
    [[ -d "$example" ]] || continue
    verify="$here/verify-$name-$(basename "$example").py"
    check "$name: example $(basename "$example"): apply on crd-sim" bash -c "cd '$example' && '$cli' apply -auto-approve -input=false -no-color"
    [[ -f "$verify" ]] && check "$name: example $(basename "$example"): crd-sim holds what the module promised" python3 "$verify" "$sim_url" "$example"
    check "$name: example $(basename "$example"): second plan is empty" bash -c "cd '$example' && '$cli' plan -detailed-exitcode -input=false -no-color"
    check "$name: example $(basename "$example"): destroy leaves no server" bash -c "cd '$example' && '$cli' destroy -auto-approve -input=false -no-color && python3 - '$sim_url' <<'PY'
import json, sys, urllib.request
left = json.load(urllib.request.urlopen(sys.argv[1] + '/_sim/objects/compute.servers'))['compute.servers']
sys.exit(f'{len(left)} servers left' if left else 0)
PY"
  done
done

echo "# pass $pass"
echo "# fail $fail"
[[ $fail -eq 0 ]]

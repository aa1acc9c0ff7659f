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
# Providers come from one filesystem mirror, as a user without registry access would set it up:
# crd (a wrapper executing $provider: the Debug build is a framework-dependent apphost whose .dll
# must not sit in the mirror, where Terraform takes any terraform-provider-crd* file for the
# plugin), and the stand-in helm 3.x and kubernetes 2.x providers (tests/StandIns) under their
# real addresses. Every module and example then runs a plain `terraform init`.
mirror="$work/mirror"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n1)"
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
crd_dir="$mirror/registry.terraform.io/crd-cloud/crd/$version/linux_$arch"
mkdir -p "$crd_dir"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$provider" >"$crd_dir/terraform-provider-crd_v$version"
chmod +x "$crd_dir/terraform-provider-crd_v$version"
if ! "$repo/tests/StandIns/install-mirror.sh" "$mirror" >"$work/standins.log" 2>&1; then
  cat "$work/standins.log"; fail=$((fail + 1)); echo "not ok - the stand-in helm and kubernetes providers could not be built"
fi
export CRD_STANDIN_DIR="$work/standin-records"
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
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
  check "$name: init + validate" bash -c "cd '$work/modules/$name' && '$cli' init -input=false -no-color && '$cli' validate -no-color"
  for test in "$work/modules/$name"/tests/*.tftest.hcl; do
    [[ -e "$test" ]] || continue
    grep -q '^mock_provider' "$test" || continue
    check "$name: terraform test $(basename "$test") (plan-only, mock provider)" bash -c "cd '$work/modules/$name' && '$cli' test -no-color -filter=tests/$(basename "$test")"
  done
  for example in "$work/modules/$name"/examples/*/; do
    [[ -d "$example" ]] || continue
    check "$name: example $(basename "$example"): init + validate" bash -c "cd '$example' && '$cli' init -input=false -no-color && '$cli' validate -no-color"
  done
done

# Root examples calling a module (source "../../modules/..."): validated here, applied below.
root_examples=()
for dir in "$repo"/examples/*/; do
  grep -qs 'source *= *"\.\./\.\./modules/' "$dir"*.tf || continue
  example="$(basename "$dir")"
  root_examples+=("$example")
  mkdir -p "$work/examples"
  cp -r "$dir" "$work/examples/$example"
  check "examples/$example: terraform fmt -check" "$cli" fmt -check -diff "$dir"
  check "examples/$example: init + validate" bash -c "cd '$work/examples/$example' && '$cli' init -input=false -no-color && '$cli' validate -no-color"
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

# The portal and Onezone of this crd-sim for configurations whose provider block names sites by
# `cloud` only (the module apply tests), from the provider.tf it wrote.
for key in portal_url portal_token onezone_url onezone_token; do
  export "CRD_${key^^}=$(sed -n "s/^  $key *= *\"\(.*\)\"/\1/p" "$work/sim/provider.tf" | head -n1)"
done
# The jupyterhub example's OIDC client secret: the tests prove it reaches the Kubernetes secret
# and nothing else (chart values, state, plan output).
export TF_VAR_oidc_client_secret="modules-test-oidc-secret-$$"

# run_example ID DIR: apply on crd-sim, check crd-sim's own records (verify-ID.py), empty second
# plan, destroy leaving no server (and verify-ID.py --destroyed). An example without a provider
# "crd" block gets the provider.tf crd-sim wrote, as its README tells a user to do.
run_example() {
  local id="$1" example="$2"
  local verify="$here/verify-$id.py"
  grep -qs '^provider "crd"' "$example"/*.tf || cp "$work/sim/provider.tf" "$example/provider.tf"
  check "$id: apply on crd-sim" bash -c "cd '$example' && '$cli' init -input=false -no-color >/dev/null && '$cli' apply -auto-approve -input=false -no-color"
  [[ -f "$verify" ]] && check "$id: crd-sim holds what the module promised" python3 "$verify" "$sim_url" "$example"
  check "$id: second plan is empty" bash -c "cd '$example' && '$cli' plan -detailed-exitcode -input=false -no-color"
  check "$id: destroy leaves no server" bash -c "cd '$example' && '$cli' destroy -auto-approve -input=false -no-color && python3 - '$sim_url' <<'PY'
import json, sys, urllib.request
left = json.load(urllib.request.urlopen(sys.argv[1] + '/_sim/objects/compute.servers'))['compute.servers']
sys.exit(f'{len(left)} servers left' if left else 0)
PY"
  [[ -f "$verify" ]] && grep -q -- "--destroyed" "$verify" && check "$id: nothing of it left after destroy" python3 "$verify" "$sim_url" "$example" --destroyed
}

for name in "${modules[@]}"; do
  for test in "$work/modules/$name"/tests/*.tftest.hcl; do
    [[ -e "$test" ]] || continue
    grep -q '^mock_provider' "$test" && continue
    check "$name: terraform test $(basename "$test") (apply on crd-sim)" bash -c "cd '$work/modules/$name' && '$cli' test -no-color -filter=tests/$(basename "$test")"
  done
  for example in "$work/modules/$name"/examples/*/; do
    [[ -d "$example" ]] || continue
    run_example "$name-$(basename "$example")" "${example%/}"
  done
done

# Root examples that call the modules (examples/jupyterhub), with ../../modules resolving to the
# copies above.
for example in "${root_examples[@]}"; do
  run_example "examples-$example" "$work/examples/$example"
done

echo "# pass $pass"
echo "# fail $fail"
[[ $fail -eq 0 ]]

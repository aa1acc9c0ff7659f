#!/usr/bin/env bash
# The real-CLI suite (Terraform 1.11.4 is on this machine image's PATH; none can be installed
# from the registries CI reaches): the SDK test provider smoke run (sdktest.sh), then every
# crd scenario in scenarios/*.sh, each against a crd-sim of its own. Prints TAP-style totals
# "# pass N" / "# fail N"; skips with a message when no terraform/tofu CLI is on PATH.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cli="$(command -v terraform || command -v tofu || true)"
if [[ -z "$cli" ]]; then echo "real-terraform: no terraform/tofu CLI on PATH: skipped"; echo "# pass 0"; echo "# fail 0"; exit 0; fi
echo "real-terraform: $("$cli" version 2>/dev/null | head -n1)"
pass=0; fail=0; status=0
for scenario in "$here/sdktest.sh" "$here"/scenarios/*.sh; do
  [[ -f "$scenario" ]] || continue
  log="$(mktemp)"
  bash "$scenario" >"$log" 2>&1
  rc=$?
  grep -v '^# \(pass\|fail\) ' "$log"
  p=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -n1); f=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -n1)
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [[ $rc -ne 0 ]]; then status=1; [[ -n "$f" && "$f" != 0 ]] || fail=$((fail + 1)); fi
  rm -f "$log"
done
echo "# pass $pass"
echo "# fail $fail"
exit $status

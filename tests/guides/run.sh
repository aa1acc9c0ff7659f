#!/usr/bin/env bash
# Runs the commands of the registry guides (docs/guides/*.md) the way a reader types them, and
# prints "ok - GUIDE:LINE: ..." / "not ok - ..." per step, then "# pass N" / "# fail N"; the exit
# status is non-zero on any failure. Without a terraform CLI on PATH it skips (counted as neither).
#
# usage: tests/guides/run.sh [GUIDE.md ...]     (default: every docs/guides/*.md marked runnable)
#
# Conventions in a guide (HTML comments, invisible once rendered; details in tests/guides/README.md):
#   <!-- runnable -->            the guide takes part (put it under the title)
#   <!-- file: NAME -->          the next fenced block is written to NAME in the session's current
#                                directory before the next command runs (same NAME again = replace)
#   ```console blocks            lines starting with "$ " are commands (a trailing "\" continues the
#                                line); other lines are example output and are ignored. All commands
#                                of a guide run in order in ONE bash session (cd, export persist),
#                                stdin answering "yes"; the first failing command fails the guide
#   <!-- expect: REGEX -->       after a console block: some output line matches REGEX (grep -E)
#   <!-- expect-fail -->         before a console block: each of its commands must fail
#   <!-- skip: REASON -->        before a block: not run (e.g. needs a real cloud)
#   <!-- background: REGEX -->   before a one-command console block ("in a second terminal"): started
#                                in its own process group, the runner waits for REGEX in its output
#                                (CRD_GUIDES_READY_TIMEOUT, default 300 s) and kills it at the end
#
# The session: HOME is a fresh temp dir (so ~/.crd-sim, ~/.terraformrc, ~/.terraform.d land there),
# the current directory starts at the repository root (also $CRD_REPO), TF_*, OS_* and CRD_*
# variables of the caller are unset, CRD_SIM_PORT=0 (so a guide's `crd-sim up` / `dotnet run
# --project simulator/Crd.Simulator -- up` listens on a free port; the provider.tf it writes has
# the URL), and CRD_PROVIDER_BINARY is set so that the guide's own `scripts/install-provider`
# installs an existing binary in a second instead of publishing (3-7 min): $CRD_PROVIDER_PATH when
# set (scripts/test publishes it), else a wrapper of the Debug build (built if missing). Each guide
# has GUIDE_TIMEOUT seconds (default 600). Nothing is left behind: the temp dirs are removed and
# every background process group is killed, even when a guide fails or times out.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
pass=0
fail=0

if ! command -v terraform >/dev/null; then
  echo "guides: no terraform CLI on PATH: the guides' commands are not run"
  echo "# pass 0"; echo "# fail 0"
  exit 0
fi
if ! command -v python3 >/dev/null; then
  echo "guides: python3 not found (tests/guides/guide2sh.py reads the guides): not run"
  echo "# pass 0"; echo "# fail 0"
  exit 0
fi

work="$(mktemp -d)"
pids="$work/background-pids"
: >"$pids"
cleanup() {
  local pid
  while read -r pid; do
    [[ -n "$pid" ]] || continue
    kill -TERM -- "-$pid" 2>/dev/null && sleep 0.5
    kill -KILL -- "-$pid" 2>/dev/null
  done <"$pids"
  rm -rf "$work"
}
trap cleanup EXIT

guides=("$@")
if [[ ${#guides[@]} -eq 0 ]]; then
  for guide in "$repo"/docs/guides/*.md; do
    grep -q '^<!-- runnable -->' "$guide" && guides+=("$guide")
  done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# `dotnet run` in a guide must not leave build servers behind.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

provider="${CRD_PROVIDER_PATH:-}"
if [[ -z "$provider" ]]; then
  debug="$repo/provider/Crd.Provider/bin/Debug/net10.0/terraform-provider-crd"
  if [[ ! -x "$debug" ]]; then
    dotnet build "$repo/provider/Crd.Provider" -v quiet -clp:ErrorsOnly >"$work/build.log" 2>&1 \
      || { cat "$work/build.log"; echo "not ok - guides: cannot build the provider"; echo "# pass 0"; echo "# fail 1"; exit 1; }
  fi
  # The Debug build needs its DLLs next to it: install a one-line wrapper instead of a copy.
  mkdir -p "$work/provider"
  printf '#!/bin/sh\nexec %q "$@"\n' "$debug" >"$work/provider/terraform-provider-crd"
  chmod +x "$work/provider/terraform-provider-crd"
  provider="$work/provider/terraform-provider-crd"
fi
# So that a guide's `dotnet run --project simulator/Crd.Simulator` finds nothing to compile.
dotnet build "$repo/simulator/Crd.Simulator" -v quiet -clp:ErrorsOnly >"$work/build-sim.log" 2>&1 \
  || { cat "$work/build-sim.log"; echo "not ok - guides: cannot build crd-sim"; echo "# pass 0"; echo "# fail 1"; exit 1; }

echo "guides: $(terraform version | head -n1), provider $provider"
for guide in "${guides[@]}"; do
  label="docs/guides/$(basename "$guide")"
  gwork="$(mktemp -d "$work/guide.XXXXXX")"
  if ! python3 "$here/guide2sh.py" "$guide" "$label" >"$gwork/guide.sh" 2>"$gwork/compile.log"; then
    fail=$((fail + 1)); echo "not ok - $label: $(cat "$gwork/compile.log")"; continue
  fi
  mkdir -p "$gwork/home"
  start=$SECONDS
  # A clean environment: the reader's own Terraform, OpenStack and crd settings do not leak in.
  env_args=()
  while IFS='=' read -r name _; do
    [[ "$name" == TF_* || "$name" == OS_* || "$name" == CRD_* ]] && env_args+=(-u "$name")
  done < <(env)
  env "${env_args[@]}" \
    HOME="$gwork/home" CRD_REPO="$repo" CRD_GUIDES_WORK="$gwork" CRD_GUIDES_PIDS="$pids" \
    CRD_GUIDES_LIB="$here/session.sh" CRD_GUIDES_READY_TIMEOUT="${CRD_GUIDES_READY_TIMEOUT:-300}" \
    CRD_SIM_PORT=0 CRD_PROVIDER_BINARY="$provider" CHECKPOINT_DISABLE=1 \
    timeout -k 10 "${GUIDE_TIMEOUT:-600}" bash "$gwork/guide.sh" >"$gwork/out.log" 2>&1
  status=$?
  cat "$gwork/out.log"
  pass=$((pass + $(grep -c '^ok - ' "$gwork/out.log")))
  failed_steps=$(grep -c '^not ok - ' "$gwork/out.log")
  fail=$((fail + failed_steps))
  if [[ $status -ne 0 && $failed_steps -eq 0 ]]; then
    fail=$((fail + 1))
    if [[ $status -eq 124 || $status -eq 137 ]]; then
      echo "not ok - $label: did not finish within ${GUIDE_TIMEOUT:-600} s"
    else
      echo "not ok - $label: the session ended with status $status"
    fi
  fi
  echo "# $label: $((SECONDS - start)) s"
  # The guide's background processes go now, not at the very end.
  while read -r pid; do
    [[ -n "$pid" ]] || continue
    kill -TERM -- "-$pid" 2>/dev/null && sleep 0.5
    kill -KILL -- "-$pid" 2>/dev/null
  done <"$pids"
  : >"$pids"
  rm -rf "$gwork"
done
echo "# pass $pass"
echo "# fail $fail"
[[ $fail -eq 0 ]]

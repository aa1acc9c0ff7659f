#!/usr/bin/env bash
# Runs the commands of the registry guides (docs/guides/*.md) the way a reader types them, and
# prints "ok - GUIDE:LINE: ..." / "not ok - ..." per step, then "# pass N" / "# fail N"; the exit
# status is non-zero on any failure. Without a terraform CLI on PATH it skips (counted as neither).
#
# usage: tests/guides/run.sh [GUIDE.md ...]     (default: every docs/guides/*.md marked runnable)
#
# Conventions in a guide (HTML comments, invisible once rendered; details in tests/guides/README.md):
#   <!-- runnable -->            the guide takes part (put it under the title)
#   <!-- file: NAME -->          the next fenced block (any language) is written to NAME in the
#                                session's current directory (same NAME again = replace); a *.tf must
#                                be `terraform fmt`-clean; writing inside the repository is refused
#   ```console blocks            lines starting with "$ " are commands (a trailing "\" continues the
#                                line); other lines are example output and are ignored. All commands
#                                of a guide run in order in ONE bash session (cd, export persist),
#                                stdin answering "yes"; the first failing command fails the guide
#   <!-- expect: REGEX -->       after a console block: some output line matches REGEX (grep -E,
#                                colours removed); repeatable
#   <!-- expect-fail -->         before a console block: each of its commands must fail
#   <!-- skip: REASON -->        before a block: not run (e.g. needs a real cloud)
#   <!-- stand-ins: helm kubernetes -->  under the title: the stand-in hashicorp/helm and
#                                hashicorp/kubernetes providers (tests/StandIns) are put in the
#                                guide HOME's ~/.terraform.d/plugins, recording into CRD_STANDIN_DIR
#   <!-- background: REGEX -->   before a one-command console block ("in a second terminal"): started
#                                in its own process group, the runner waits for REGEX in its output
#                                (CRD_GUIDES_READY_TIMEOUT, default 300 s) and kills it at the end
# Other fenced blocks (```terraform without a file comment, ``` output) are only read by people.
#
# The session: HOME is a fresh temp dir (so ~/.crd-sim, ~/.terraformrc, ~/.terraform.d land there),
# the current directory starts at the repository root (also $CRD_REPO), TF_*, OS_* and CRD_*
# variables of the caller are unset, CRD_SIM_PORT=0 (so a guide's `dotnet run --project
# simulator/Crd.Simulator -- up` listens on a free port; the provider.tf and url files it writes
# in ~/.crd-sim have the URL), and CRD_PROVIDER_BINARY is set so that the guide's own
# `scripts/install-provider` installs an existing binary in a second instead of publishing
# (3-7 min): $CRD_PROVIDER_PATH when set (scripts/test publishes it), else a wrapper of the Debug
# build (built if missing), and DOTNET_CLI_HOME is the caller's home (dotnet's NuGet settings
# and package cache). Each guide has GUIDE_TIMEOUT seconds (default 600). GUIDES_LOG_DIR=DIR
# keeps each step's output (colours removed) in DIR/<guide>-<line>.log, for authors who paste real
# output into a guide. Before the guides, the runner checks itself on tests/guides/testdata/*.md.
# Nothing is left behind: the temp dirs are removed and every background process group is
# killed, even when a guide fails or times out.
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
cleanup() { kill_background; rm -rf "$work"; } # kill_background is defined below
trap cleanup EXIT

guides=("$@")
if [[ ${#guides[@]} -eq 0 ]]; then
  for guide in "$repo"/docs/guides/*.md; do
    grep -q '^<!-- runnable -->' "$guide" && guides+=("$guide")
  done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The guide's HOME is a temp dir, but `dotnet run` keeps the caller's NuGet configuration and
# package cache (as a reader's would be in their home): without it, it would restore again into
# the temp HOME (downloading) and rewrite obj/project.assets.json in the repository.
dotnet_home="${DOTNET_CLI_HOME:-$HOME}"
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

kill_background() { # the process groups a guide started, even if its session died
  local pid
  while read -r pid; do
    [[ -n "$pid" ]] || continue
    kill -TERM -- "-$pid" 2>/dev/null && sleep 0.5
    kill -KILL -- "-$pid" 2>/dev/null
  done <"$pids"
  : >"$pids"
}

run_guide() { # run_guide GUIDE LABEL OUT: the guide's ok/not ok lines into OUT; counts in guide_pass/guide_fail
  local guide="$1" label="$2" out="$3" gwork status name env_args=()
  guide_pass=0; guide_fail=0
  gwork="$(mktemp -d "$work/guide.XXXXXX")"
  if ! python3 "$here/guide2sh.py" "$guide" "$label" >"$gwork/guide.sh" 2>"$gwork/compile.log"; then
    echo "not ok - $label: $(cat "$gwork/compile.log")" >"$out"; guide_fail=1; rm -rf "$gwork"; return
  fi
  mkdir -p "$gwork/home"
  # <!-- stand-ins: helm kubernetes -->: the guide's `terraform init` would download
  # hashicorp/helm and hashicorp/kubernetes from the registry (unreachable here). The stand-ins
  # of tests/StandIns go where Terraform looks before the registry, the implied local mirror
  # ~/.terraform.d/plugins of the guide's HOME, and record what they deploy in CRD_STANDIN_DIR.
  local standin_env=()
  if grep -q '^<!-- stand-ins:' "$guide"; then
    if ! "$repo/tests/StandIns/install-mirror.sh" "$gwork/home/.terraform.d/plugins" >"$gwork/standins.log" 2>&1; then
      { echo "not ok - $label: the stand-in helm and kubernetes providers could not be installed"; sed 's/^/    /' "$gwork/standins.log" | tail -n 20; } >"$out"
      guide_fail=1; rm -rf "$gwork"; return
    fi
    standin_env=(CRD_STANDIN_DIR="$gwork/standin-records")
  fi
  # A clean environment: the reader's own Terraform, OpenStack and crd settings do not leak in.
  while IFS='=' read -r name _; do
    [[ "$name" == TF_* || "$name" == OS_* || "$name" == CRD_* ]] && env_args+=(-u "$name")
  done < <(env)
  env "${env_args[@]}" \
    HOME="$gwork/home" CRD_REPO="$repo" CRD_GUIDES_WORK="$gwork" CRD_GUIDES_PIDS="$pids" \
    CRD_GUIDES_LIB="$here/session.sh" CRD_GUIDES_READY_TIMEOUT="${CRD_GUIDES_READY_TIMEOUT:-300}" \
    CRD_SIM_PORT=0 CRD_PROVIDER_BINARY="$provider" CHECKPOINT_DISABLE=1 DOTNET_CLI_HOME="$dotnet_home" "${standin_env[@]}" \
    timeout -k 10 "${GUIDE_TIMEOUT:-600}" bash "$gwork/guide.sh" >"$out" 2>&1
  status=$?
  guide_pass=$(grep -c '^ok - ' "$out")
  guide_fail=$(grep -c '^not ok - ' "$out")
  if [[ $status -ne 0 && $guide_fail -eq 0 ]]; then
    guide_fail=1
    if [[ $status -eq 124 || $status -eq 137 ]]; then
      echo "not ok - $label: did not finish within ${GUIDE_TIMEOUT:-600} s" >>"$out"
    else
      echo "not ok - $label: the session ended with status $status" >>"$out"
    fi
  fi
  kill_background
  rm -rf "$gwork"
}

check() { # check "<what>" command...
  local what="$1"; shift
  if "$@" >"$work/check.log" 2>&1; then
    pass=$((pass + 1)); echo "ok - $what"
  else
    fail=$((fail + 1)); echo "not ok - $what"; sed 's/^/    /' "$work/check.log" | tail -n 30
  fi
}

# The runner itself, on small guides of its own (tests/guides/testdata): conventions that work,
# and failures it must report (a failing command stops the guide; a wrong expect, a command
# that should fail and succeeds, a file written in the repository, a background command that
# never gets ready: each one "not ok"), with nothing left running.
selftest() { # selftest FIXTURE WANT_PASS WANT_FAIL [REGEX that must not be in the output]
  local out="$work/selftest.out"
  run_guide "$here/testdata/$1" "testdata/$1" "$out"
  [[ $guide_pass -eq $2 && $guide_fail -eq $3 ]] || { cat "$out"; echo "want $2 ok and $3 not ok, got $guide_pass and $guide_fail"; return 1; }
  [[ -z "${4:-}" ]] || ! grep -Eq -- "$4" "$out" || { cat "$out"; echo "unexpected /$4/"; return 1; }
}
check "runner: files, cd/export across blocks, expect, expect-fail, skip, background (8 steps ok)" selftest conventions.md 8 0
check "runner: a failing command fails the guide and stops it" selftest fail-command.md 1 1 'after the failure'
check "runner: an expect that does not match fails the block" selftest fail-expect.md 0 1
check "runner: an expect-fail block whose command succeeds fails" selftest fail-expect-fail.md 0 1
check "runner: a file block inside the repository is refused, and not written" \
  eval 'selftest fail-in-repo.md 0 1 && [[ ! -e "$repo/guides-selftest-must-not-exist.txt" ]]'
check "runner: a background command that never gets ready fails, and is killed" \
  eval 'CRD_GUIDES_READY_TIMEOUT=2 selftest fail-background.md 0 1 && ! pgrep -f guides-selftest-never-ready >/dev/null'
check "runner: a guide without the runnable marker is refused" selftest not-runnable.md 0 1
check "runner: a .tf file block that is not terraform fmt-clean fails" selftest fail-fmt.md 1 1

echo "guides: $(terraform version 2>/dev/null | head -n1), provider $provider"
# What a guide must not change in the repository: its files, and the restore state of crd-sim.
git_status_before="$(git -C "$repo" status --porcelain 2>/dev/null)"
assets="$repo/simulator/Crd.Simulator/obj/project.assets.json"
assets_before="$(md5sum "$assets" 2>/dev/null)"
for guide in "${guides[@]}"; do
  label="docs/guides/$(basename "$guide")"
  start=$SECONDS
  run_guide "$guide" "$label" "$work/guide.out"
  cat "$work/guide.out"
  pass=$((pass + guide_pass)); fail=$((fail + guide_fail))
  echo "# $label: $((SECONDS - start)) s"
done
if [[ ${#guides[@]} -gt 0 ]]; then
  check "guides: the repository is as before (git status, crd-sim's obj/project.assets.json)" \
    eval '[[ "$(git -C "$repo" status --porcelain 2>/dev/null)" == "$git_status_before" ]] \
      && [[ "$(md5sum "$assets" 2>/dev/null)" == "$assets_before" ]] || { git -C "$repo" status --short; false; }'
fi
echo "# pass $pass"
echo "# fail $fail"
[[ $fail -eq 0 ]]

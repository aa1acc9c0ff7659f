# Functions of one guide's bash session, sourced by the script guide2sh.py generates.
# run.sh sets CRD_REPO, CRD_GUIDES_WORK (this guide's temp dir) and CRD_GUIDES_PIDS (a file
# where background process groups are recorded, so run.sh can kill them even if this shell
# dies). Each step prints one "ok - ..." / "not ok - ..." / "# skip ..." line.

__yes="$CRD_GUIDES_WORK/yes"
for _ in $(seq 1 50); do echo yes; done >"$__yes"
__block_log=""
__block_where=""
__block_title=""
__block_failed=""
__block_count=0
__bg_pids=()

__strip() { sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\r$//' "$1"; }

__cleanup_background() {
  local pid
  for pid in "${__bg_pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null
  done
  for pid in "${__bg_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  __bg_pids=()
}
trap __cleanup_background EXIT

__report_failure() { # __report_failure MESSAGE: not ok, the output, and the guide stops
  echo "not ok - $__block_where: $__block_title"
  echo "    $1"
  __keep_log
  if [[ -s "$__block_log" ]]; then
    echo "    output:"
    __strip "$__block_log" | tail -n 60 | sed 's/^/    | /'
  fi
  exit 1
}

__skip() { echo "# skip - $1: $2"; }

__write_file() { # __write_file WHERE NAME <<text
  __block_where="$1"; __block_title="file $2"; __block_log="$CRD_GUIDES_WORK/block-$((++__block_count)).log"
  : >"$__block_log"
  local target
  target="$(realpath -m -- "$2")"
  case "$target/" in
    "$(realpath "$CRD_REPO")"/*) __report_failure "refusing to write $target inside the repository: cd somewhere else first" ;;
  esac
  mkdir -p "$(dirname "$2")"
  cat >"$2"
  if [[ "$2" == *.tf ]] && command -v terraform >/dev/null; then
    terraform fmt -check -diff -no-color "$2" >"$__block_log" 2>&1 || __report_failure "$2 is not terraform fmt-clean"
  fi
  echo "ok - $__block_where: $__block_title"
}

__begin() { # __begin WHERE FIRST_COMMAND
  __block_where="$1"; __block_title="\$ ${2%%$'\n'*}"; __block_failed=""
  __block_log="$CRD_GUIDES_WORK/block-$((++__block_count)).log"
  : >"$__block_log"
}

__command() { __current_command="$1"; }

__after() { # __after RC ok|fail
  if [[ "$2" == ok && "$1" -ne 0 ]]; then
    __report_failure "\$ $__current_command  (exit status $1)"
  elif [[ "$2" == fail && "$1" -eq 0 ]]; then
    __report_failure "\$ $__current_command  succeeded, but the guide shows it failing"
  fi
}

__background() { # __background READY_REGEX COMMAND
  local log="$CRD_GUIDES_WORK/background-$__block_count.log" pid
  # Its own session: the whole process group (dotnet run and its crd-sim child) goes at the end.
  setsid bash -c "$2" >"$log" 2>&1 </dev/null &
  pid=$!
  __bg_pids+=("$pid")
  echo "$pid" >>"$CRD_GUIDES_PIDS"
  for _ in $(seq 1 "${CRD_GUIDES_READY_TIMEOUT:-300}"); do
    if __strip "$log" | grep -Eq -- "$1"; then
      cp "$log" "$__block_log"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cp "$log" "$__block_log"; __report_failure "the background command ended before printing /$1/"; }
    sleep 1
  done
  cp "$log" "$__block_log"
  __report_failure "no line matching /$1/ within ${CRD_GUIDES_READY_TIMEOUT:-300} s"
}

__keep_log() { # with GUIDES_LOG_DIR set (run.sh passes it), authors get each step's real output
  [[ -n "${GUIDES_LOG_DIR:-}" ]] || return 0
  mkdir -p "$GUIDES_LOG_DIR"
  __strip "$__block_log" >"$GUIDES_LOG_DIR/$(basename "${__block_where%%:*}" .md)-${__block_where##*:}.log"
}

__end() { # __end REGEX...: the block's output must match every REGEX
  local regex
  __keep_log
  for regex in "$@"; do
    __strip "$__block_log" | grep -Eq -- "$regex" || __report_failure "no line of the output matches /$regex/"
  done
  echo "ok - $__block_where: $__block_title"
}

__done() { __cleanup_background; echo "# guide $__guide complete"; }

#!/usr/bin/env bash
# Warm `./jbang check retrieve` next to a warm JBang hello world, the same number of runs each, interleaved so both
# see the same machine load. Target (docs/BENCHMARKS.md, "Checks"): the check at most 2x the hello world.
# Runs in a private copy of the tree and of the Maven repository (bench/lib.sh).
# Usage: bench/check.sh [runs]   (default 5; prints medians in milliseconds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
isolate

# Warm-up: the launcher installs the libraries, JBang builds the script and resolves the alias, and the first check
# starts the class-data archive's dump in the background; the runs wait for it (it holds dump.lock in the launcher's
# per-user cache folder for this tree).
state="${XDG_CACHE_HOME:-$HOME/.cache}/kvlab/$(printf '%s' "$PWD" | cksum | tr -d ' ')"
trap 'pkill -f -- "--standby $state/standby" || true; rm -rf "$tmp"' EXIT
ms ./jbang "$tmp/hello.java" >/dev/null
ms ./jbang check retrieve --results "$tmp/results" >/dev/null
sleep 1
if [ -f "$state/cds/dump.lock" ]; then flock "$state/cds/dump.lock" true; fi

# A check leaves a standby JVM warming up in the background for the next one (docs/ARCHITECTURE.md); a learner's next
# check comes after an edit, so the runs wait until it is ready: its warm-up is not on anyone's clock.
standby() {
  local i
  for i in $(seq 600); do [ -f "$state/standby" ] && return 0; sleep 0.1; done
  echo "no standby after 60 s (see $state/standby.log)" >&2
}
ms ./jbang check retrieve --solution --results "$tmp/results" >/dev/null
standby

hello="" stub="" solution="" stub_off="" solution_off=""
for _ in $(seq "$runs"); do
  hello+=" $(ms ./jbang "$tmp/hello.java")"
  stub+=" $(ms ./jbang check retrieve --results "$tmp/results")"
  standby
  solution+=" $(ms ./jbang check retrieve --solution --results "$tmp/results")"
  standby
  stub_off+=" $(KVLAB_STANDBY=off ms ./jbang check retrieve --results "$tmp/results")"
  solution_off+=" $(KVLAB_STANDBY=off ms ./jbang check retrieve --solution --results "$tmp/results")"
done
h=$(echo "$hello" | median)
echo "runs: $runs each; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "jbang hello world:                        median ${h} ms  (${hello# })"
line() {
  local m
  m=$(echo "$2" | median)
  printf '%-41s median %s ms  (%s)  = %sx\n' "$1" "$m" "${2# }" "$(awk -v a="$m" -v b="$h" 'BEGIN {printf "%.1f", a / b}')"
}
line "./jbang check retrieve (stub):" "$stub"
line "./jbang check retrieve --solution:" "$solution"
line "the same, KVLAB_STANDBY=off (stub):" "$stub_off"
line "the same, KVLAB_STANDBY=off (--solution):" "$solution_off"

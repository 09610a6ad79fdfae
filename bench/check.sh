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
ms ./jbang "$tmp/hello.java" >/dev/null
ms ./jbang check retrieve --results "$tmp/results" >/dev/null
sleep 1
lock="${XDG_CACHE_HOME:-$HOME/.cache}/kvlab/$(printf '%s' "$PWD" | cksum | tr -d ' ')/cds/dump.lock"
if [ -f "$lock" ]; then flock "$lock" true; fi
ms ./jbang check retrieve --solution --results "$tmp/results" >/dev/null

hello="" stub="" solution=""
for _ in $(seq "$runs"); do
  hello+=" $(ms ./jbang "$tmp/hello.java")"
  stub+=" $(ms ./jbang check retrieve --results "$tmp/results")"
  solution+=" $(ms ./jbang check retrieve --solution --results "$tmp/results")"
done
h=$(echo "$hello" | median)
s=$(echo "$stub" | median)
o=$(echo "$solution" | median)
echo "runs: $runs each; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "jbang hello world:                  median ${h} ms  (${hello# })"
echo "./jbang check retrieve (stub):      median ${s} ms  (${stub# })  = $(awk -v a="$s" -v b="$h" 'BEGIN {printf "%.1f", a / b}')x"
echo "./jbang check retrieve --solution:  median ${o} ms  (${solution# })  = $(awk -v a="$o" -v b="$h" 'BEGIN {printf "%.1f", a / b}')x"

#!/usr/bin/env bash
# `./jbang vault` from start to ready ("Local vault ready at ..." on stderr) next to plain `java -cp` of the same
# command, and next to the launcher without its kept command (KVLAB_CDS=off: JBang's own JVM every time, as before the
# change). Interleaved, the same number of runs each. Target (docs/BENCHMARKS.md, "Launcher"): at most 1.3x plain java.
# Runs in a private copy of the tree and of the Maven repository (bench/lib.sh).
# Usage: bench/launch.sh [runs]   (default 5; prints medians in milliseconds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
isolate

# Milliseconds from start until the vault says it is ready; then SIGTERM. The command is exec'd so the pid signalled
# is the vault's own JVM (the launcher execs it too).
ready_ms() {
  local start end line
  start=$(date +%s%N)
  # shellcheck disable=SC2069 # on purpose: stderr (where "ready" is said) to the pipe, stdout away
  coproc VAULT { exec "$@" --port 0 2>&1 >/dev/null; }
  while IFS= read -r line <&"${VAULT[0]}"; do [[ "$line" == *"ready at"* ]] && break; done
  end=$(date +%s%N)
  kill "$VAULT_PID" 2>/dev/null || true
  wait "$VAULT_PID" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

# Warm-up: installs the libraries, fetches JBang, resolves the alias and keeps its command.
ready_ms ./jbang vault >/dev/null
ready_ms ./jbang vault >/dev/null
state="${XDG_CACHE_HOME:-$HOME/.cache}/kvlab/$(printf '%s' "$PWD" | cksum | tr -d ' ')"
mapfile -t kept < <(tail -n +3 "$state/vault.launch")
[ "${#kept[@]}" -ge 4 ] || { echo "no kept vault command in $state" >&2; exit 1; }

plain="" launcher="" jbang=""
for _ in $(seq "$runs"); do
  plain+=" $(ready_ms "${kept[@]}")"
  launcher+=" $(ready_ms ./jbang vault)"
  jbang+=" $(KVLAB_CDS=off ready_ms ./jbang vault)"
done
p=$(echo "$plain" | median)
l=$(echo "$launcher" | median)
j=$(echo "$jbang" | median)
echo "runs: $runs each; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "plain java -cp (${kept[1]:-} ...):      median ${p} ms  (${plain# })"
echo "./jbang vault (kept command):           median ${l} ms  (${launcher# })  = $(awk -v a="$l" -v b="$p" 'BEGIN {printf "%.2f", a / b}')x"
echo "./jbang vault through JBang (before):   median ${j} ms  (${jbang# })  = $(awk -v a="$j" -v b="$p" 'BEGIN {printf "%.2f", a / b}')x"

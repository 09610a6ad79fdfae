#!/usr/bin/env bash
# shellcheck disable=SC2016  # the backquotes in the row labels are Markdown, not command substitution
# Wall time of `./jbang <exercise>` as a learner sees it, warm and cold, next to a warm JBang hello-world script
# and to the same program started with plain `java -cp` (what JBang itself costs). Results: docs/BENCHMARKS.md, "Lab".
#
#   bench/lab.sh            # 5 runs each (RUNS=N to change)
#
# warm: nothing changed since the last run (JBang reuses its built jar).
# cold: `./jbang --fresh`: JBang resolves the dependencies again and recompiles the script, as after an edit
#       (dependencies already in ~/.m2; a first run on a new machine also downloads them, see the README).
# Runs in a private copy of the tree and of the Maven repository (bench/lib.sh), against the embedded local vault.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# One table row: label, then median / min / max of $runs runs after one unmeasured warm-up run.
row() {
  local label="$1"; shift
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do ms "$@"; done | sort -n | awk -v label="$label" '
    { t[NR] = $1 }
    END { printf "| %s | %d | %d | %d |\n", label, t[int((NR + 1) / 2)], t[1], t[NR] }'
}

isolate

# A fresh clone's first run: fetch JBang, install the lab's libraries, resolve and build (dependencies already local).
first_run=$(ms ./jbang retrieve)
classpath="$(./jbang info classpath solutions/RetrieveSecrets.java 2>/dev/null)"

echo "Lab benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each"
echo
echo "| command | median ms | min ms | max ms |"
echo "|---|---|---|---|"
echo "| first \`./jbang retrieve\` of a fresh clone (fetch JBang, install the libraries, build; dependencies local) | $first_run | $first_run | $first_run |"
row "warm \`./jbang hello.java\` (JBang hello world)" ./jbang "$tmp/hello.java"
row 'warm `./jbang retrieve` (stub: prints the not-implemented line)' ./jbang retrieve
row 'warm `./jbang retrieve-solution`' ./jbang retrieve-solution
row 'cold `./jbang --fresh retrieve` (re-resolve, recompile)' ./jbang --fresh retrieve
row 'cold `./jbang --fresh retrieve-solution`' ./jbang --fresh retrieve-solution
row '`java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp <classpath> dev.kvlab.solutions.RetrieveSecrets` (no JBang, no launcher)' \
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" dev.kvlab.solutions.RetrieveSecrets

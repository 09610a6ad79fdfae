#!/usr/bin/env bash
# Warm `./jbang check retrieve` next to a warm JBang hello world, the same number of runs each, interleaved so both
# see the same machine load. Target (docs/BENCHMARKS.md, "Checks"): the check at most 2x the hello world.
# Usage: bench/check.sh [runs]   (default 5; prints medians in milliseconds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
export JBANG_NO_VERSION_CHECK=1
unset KEY_VAULT_URL IDENTITY_ENDPOINT IDENTITY_HEADER KVLAB_CA_CERT
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/hello.java" <<'JAVA'
//JAVA 17+
class hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA

cd "$root"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { tr ' ' '\n' | sort -n | awk 'NF {a[++n] = $1} END {print a[int((n + 1) / 2)]}'; }

# Warm-up: the launcher installs the libraries, JBang builds the script and resolves the alias.
ms ./jbang "$tmp/hello.java" >/dev/null
ms ./jbang check retrieve --results "$tmp/results" >/dev/null
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

#!/usr/bin/env bash
# The console and the notebooks, measured: `./jbang console` start (JVM start to "ready", as it prints), each page
# action's latency on the reference solutions (first click and warm), and `./jbang notebook <x> --run` per notebook.
# Loopback only; the console is stopped by its process id at the end.
# Usage: bench/console.sh [port]   (default 5077; prints milliseconds)
set -uo pipefail   # no -e: a failed request prints as a failure and the run goes on
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-5077}"
export JBANG_NO_VERSION_CHECK=1
unset KEY_VAULT_URL IDENTITY_ENDPOINT IDENTITY_HEADER KVLAB_CA_CERT
tmp="$(mktemp -d)"
console_pid=""
cleanup() { if [ -n "$console_pid" ]; then kill "$console_pid" 2>/dev/null; fi; rm -rf "$tmp"; }
trap cleanup EXIT
cd "$root" || exit 1
ms() { local s e; s=$(date +%s%N); if "$@" >/dev/null 2>&1; then e=$(date +%s%N); echo "$(((e - s) / 1000000)) ms"; else echo "failed"; fi; }
post() { local t; if t=$(curl -s -o /dev/null -w '%{time_total}' -X POST "http://127.0.0.1:$port/$1"); then awk -v t="$t" 'BEGIN {printf "%d ms", t * 1000}'; else echo "failed"; fi; }

./jbang console --help >/dev/null 2>&1   # the launcher installs the libraries and JBang resolves the alias
./jbang console --port "$port" --sources solutions >"$tmp/console.out" 2>&1 &
console_pid=$!
for _ in $(seq 120); do grep -q "ready in" "$tmp/console.out" && break; sleep 0.5; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "console ready: $(grep -o 'ready in [0-9]* ms' "$tmp/console.out" || cat "$tmp/console.out")"
sleep 5   # let the background warm-up finish, as a person reading the page would
for action in run/retrieve run/list run/rotate run/cache; do
  first=$(post "$action"); second=$(post "$action"); third=$(post "$action")
  echo "$action: first ${first}, then ${second}, ${third}"
done
echo "check/retrieve: $(post check/retrieve)"
kill "$console_pid"; console_pid=""
for n in retrieve list rotate cache; do
  echo "./jbang notebook $n --run --sources solutions: $(ms ./jbang notebook "$n" --run --sources solutions)"
done

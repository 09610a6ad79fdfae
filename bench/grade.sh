#!/usr/bin/env bash
# `./jbang grade` on a generated class: 100 learners x 4 exercises (45 right, 50 wrong from the checks' fixture
# submissions and untouched stubs, 5 with an endless loop in exercise 1), then the same class again (a regrade of
# unchanged files), next to a warm `./jbang check retrieve --solution`. Target (docs/BENCHMARKS.md, "Grader"): the
# first run at most 60 s wall on 2 cores, and the run's memory under 2 GB (maximum resident set, from GNU time).
# Runs in a private copy of the tree and of the Maven repository (bench/lib.sh).
# Usage: [DISTINCT=1] bench/grade.sh [learners] [jobs] [extra ./jbang grade options...]   (default 100, the grader's own: CPU count + 1)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
learners="${1:-100}"
jobs="${2:-$(( $(nproc) + 1 ))}"
shift $(( $# > 2 ? 2 : $# ))
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
isolate
# the checks measured here start no standby JVM: one warming up in the background would share the grader's cores
export KVLAB_STANDBY=off

# The exercise file with region bodies taken from $2 (a fixture: some regions) and then $3 (a full file); awk counts
# files by their first line, so neither may be empty.
splice() {
  awk -v exercise="$1" '
    FNR == 1 { file++ }
    /^[[:space:]]*\/\/ ?BEGIN [A-Z][A-Z0-9_]*[[:space:]]*$/ { name = $NF; inside = 1; if (file < 3) { has[name] = has[name] ? has[name] : file }; if (file == 3) print; next }
    /^[[:space:]]*\/\/ ?END [A-Z][A-Z0-9_]*[[:space:]]*$/ { inside = 0; if (file == 3) print; next }
    file < 3 && inside { if (has[name] == file) body[name] = body[name] $0 "\n"; next }
    file == 3 && inside { if (!printed[name]++) printf "%s", body[name]; next }
    file == 3 { print }
  ' "$2" "$3" "$1"
}

echo "// no regions" >"$tmp/none.java"
exercises="RetrieveSecrets:retrieve ListSecretProperties:list RotateSecret:rotate CachedRetrieval:cache"
subs="$tmp/submissions"
mkdir -p "$subs"
for i in $(seq -w 1 "$learners"); do
  dir="$subs/learner-$i"
  mkdir -p "$dir"
  n=$((10#$i))
  for pair in $exercises; do
    class="${pair%%:*}" alias="${pair##*:}"
    out="$dir/$class.java"
    if [ $((n % 20)) -eq 0 ] && [ "$alias" = retrieve ]; then      # 5 of 100: an endless loop
      printf '// BEGIN RETRIEVE_SECRETS\n        long spin = 1;\n        while (spin > 0) {\n            spin = spin | 1;\n        }\n        return List.of();\n// END RETRIEVE_SECRETS\n' >"$tmp/loop.java"
      splice "exercises/$class.java" "$tmp/loop.java" "solutions/$class.java" >"$out"
    elif [ $((n % 2)) -eq 1 ] && [ $((n % 20)) -ne 0 ]; then        # wrong: a fixture that fails, or the stub
      mapfile -t wrong < <(grep -L '^// expect: pass' "checks/src/test/resources/submissions/$alias"/*.java)
      pick=$(( n % (${#wrong[@]} + 1) ))
      if [ "$pick" -eq "${#wrong[@]}" ]; then cp "exercises/$class.java" "$out"
      else splice "exercises/$class.java" "${wrong[$pick]}" "solutions/$class.java" >"$out"; fi
    else                                                            # right
      splice "exercises/$class.java" "$tmp/none.java" "solutions/$class.java" >"$out"
    fi
    # DISTINCT=1: no two files alike (a comment in the first region), as in a class where nobody hands in a file
    # another has (the grader compiles a text it has seen once)
    if [ -n "${DISTINCT:-}" ]; then
      awk -v who="$i" '{ print } !done && /^[[:space:]]*\/\/ ?BEGIN / { print "        // learner-" who; done = 1 }' "$out" >"$out.tmp"
      mv "$out.tmp" "$out"
    fi
  done
done

# Warm-up: the launcher installs the libraries (grader included) and JBang resolves the aliases.
./jbang grade --help >/dev/null 2>&1
./jbang check retrieve --solution --results "$tmp/results" >/dev/null 2>&1 || true
check=""
for _ in 1 2 3; do check+=" $(ms ./jbang check retrieve --solution --results "$tmp/results")"; done
c=$(echo "$check" | median)

# CPU seconds the whole machine has used (every process: the grader and its learner processes, whose time the
# grader's own accounting loses when a sandbox is killed).
machine_cpu() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {printf "%.1f", ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat; }

run() {
  local log="$1"; shift
  local start end
  machine_cpu >"$log.cpu"
  start=$(date +%s%N)
  /usr/bin/time -v ./jbang grade "$subs" --out "$tmp/graded" --jobs "$jobs" --plain --exercises retrieve,list,rotate,cache "$@" >"$log.out" 2>"$log.err" || {
    echo "./jbang grade failed:"; tail -5 "$log.err"; exit 1; }
  end=$(date +%s%N)
  local before; before=$(cat "$log.cpu")
  awk -v a="$before" -v b="$(machine_cpu)" 'BEGIN {printf "%.0f", b - a}' >"$log.cpu"
  echo $(( (end - start) / 1000000 ))
}
first=$(run "$tmp/first" "$@")
second=$(run "$tmp/second" "$@")
rss() { awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); printf "%d", $2 / 1024}' "$1.err"; }
graded=$(grep -c '' "$tmp/graded/grades.csv")
echo "learners: $learners x 4 exercises; jobs: $jobs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm ./jbang check retrieve --solution: median ${c} ms  (${check# })"
echo "./jbang grade, first run:  $first ms wall = $(( first / learners )) ms a learner ($(awk -v a="$first" -v b="$learners" -v c="$c" 'BEGIN {printf "%.2f", a / b / 4 / c}')x a warm check per exercise); max RSS $(rss "$tmp/first") MB; $(cat "$tmp/first.cpu") s of CPU on the machine"
echo "./jbang grade, regrade:    $second ms wall (nothing changed); max RSS $(rss "$tmp/second") MB"
echo "grades.csv rows: $((graded - 1)); $(tr -d '\r' <"$tmp/graded/grades.csv" | grep -c ',graded$' || true) graded without a problem"
grep -E '^Graded' "$tmp/first.out" "$tmp/second.out" | sed "s|$tmp/||"

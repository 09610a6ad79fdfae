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
# Runs against the embedded local vault: KEY_VAULT_URL and the IDENTITY_* variables are unset here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
export JBANG_NO_VERSION_CHECK=1
unset KEY_VAULT_URL IDENTITY_ENDPOINT IDENTITY_HEADER KVLAB_CA_CERT
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/hello.java" <<'JAVA'
//JAVA 17+
class hello {
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
JAVA

# Milliseconds one command takes; its output is discarded (stubs exit 1 on purpose).
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# One table row: label, then median / min / max of $runs runs after one unmeasured warm-up run.
row() {
  local label="$1"; shift
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do ms "$@"; done | sort -n | awk -v label="$label" '
    { t[NR] = $1 }
    END { printf "| %s | %d | %d | %d |\n", label, t[int((NR + 1) / 2)], t[1], t[NR] }'
}

# Other checkouts on this machine install their own dev.kvlab libraries into ~/.m2 whenever theirs differ, and
# the launcher then installs ours again: measure with a Maven repository and JBang cache of our own, seeded with
# hard links to ~/.m2 (instant, no space) minus the lab's libraries. BENCH_SHARED_M2=1 uses ~/.m2 as it is.
if [ -z "${BENCH_SHARED_M2:-}" ] && [ -d "$HOME/.m2/repository" ]; then
  mkdir -p "$tmp/home/.m2"
  cp -al "$HOME/.m2/repository" "$tmp/home/.m2/repository"
  rm -rf "$tmp/home/.m2/repository/dev/kvlab"
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$tmp/home/.m2/repository"
  export JBANG_REPO="$tmp/home/.m2/repository" JBANG_DIR="$tmp/home/.jbang" HOME="$tmp/home"
fi
# Run in a copy of the tree, so the launcher's caches (.lab/) made here never point a checkout at the temporary repository.
mkdir -p "$tmp/tree"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$root" ls-files -z --cached --others --exclude-standard | tar -C "$root" --null -T - -cf - | tar -C "$tmp/tree" -xf -
else
  tar -C "$root" --exclude=.lab --exclude=target -cf - . | tar -C "$tmp/tree" -xf -
fi
cd "$tmp/tree"

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

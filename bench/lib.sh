# shellcheck shell=bash
# Shared by lab.sh, check.sh and launch.sh (sourced after `root` is set): a JBang hello world, timing, and a private copy of
# the tree and of the Maven repository to measure in.
: "${root:?bench/lib.sh needs root, the project folder}"
export JBANG_NO_VERSION_CHECK=1
# Runs against the embedded local vault: KEY_VAULT_URL and the IDENTITY_* variables are unset here.
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

# The median of the numbers on stdin, one a line or space-separated.
median() { tr ' ' '\n' | sort -n | awk 'NF {a[++n] = $1} END {print a[int((n + 1) / 2)]}'; }

# Other checkouts on this machine install their own dev.kvlab libraries into ~/.m2 whenever theirs differ, and
# the launcher then installs ours again (which also invalidates JBang's cache and the check's class-data archive):
# measure with a Maven repository and JBang cache of our own, seeded with hard links to ~/.m2 (instant, no space)
# minus the lab's libraries, in a copy of the tree, so the launcher's caches (kept per tree and per HOME) made there
# never point a checkout at the temporary repository. BENCH_SHARED_M2=1 uses ~/.m2 as it is. Ends in the copy.
isolate() {
  if [ -z "${BENCH_SHARED_M2:-}" ] && [ -d "$HOME/.m2/repository" ]; then
    mkdir -p "$tmp/home/.m2"
    cp -al "$HOME/.m2/repository" "$tmp/home/.m2/repository"
    rm -rf "$tmp/home/.m2/repository/dev/kvlab"
    export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$tmp/home/.m2/repository"
    export JBANG_REPO="$tmp/home/.m2/repository" JBANG_DIR="$tmp/home/.jbang" HOME="$tmp/home"
  fi
  mkdir -p "$tmp/tree"
  if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    git -C "$root" ls-files -z --cached --others --exclude-standard | tar -C "$root" --null -T - -cf - | tar -C "$tmp/tree" -xf -
  else
    tar -C "$root" --exclude=.lab --exclude=target -cf - . | tar -C "$tmp/tree" -xf -
  fi
  cd "$tmp/tree" || exit 1
}

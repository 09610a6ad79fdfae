#!/usr/bin/env bash
# Local vault benchmarks (results go in docs/BENCHMARKS.md, "Local vault"): embedded start, standalone start,
# SDK getSecret throughput and latency, RSS under load, heap with 10,000 secrets x 5 versions. About 10 minutes.
#   bench/vault.sh [seconds-per-throughput-run] [warm-up-seconds]
# wrk (apt-get install wrk) adds the server's capacity under a native client; without it that row is skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}" warm="${2:-30}"
cd "$root"
mvn -B -q -o -pl vault test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
# jars rather than class folders: a class-data archive takes classes from jars only
out=vault/target/bench
mkdir -p "$out"
jar cf "$out/vault.jar" -C vault/target/classes .
jar cf "$out/vault-tests.jar" -C vault/target/test-classes .
cp="$out/vault-tests.jar:$out/vault.jar:$(cat vault/target/bench.classpath)"
short=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC) # the java-options of the exercise scripts and the check alias
# the java-options of the vault alias: the heap starts small and follows the data (jbang-catalog.json)
server=(-XX:+UseSerialGC -Xms8m -Xmx192m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:ReservedCodeCacheSize=64m)
echo "== embedded start (5 fresh JVMs each)"
java -cp "$cp" dev.kvlab.vault.bench.EmbeddedStartBench 5
java -cp "$cp" dev.kvlab.vault.bench.EmbeddedStartBench 5 "${short[@]}"
# a class-data archive of what a start loads, from one training run (as the launcher makes one for ./jbang check)
rm -f "$out/vault.jsa"
java -XX:ArchiveClassesAtExit="$out/vault.jsa" -cp "$cp" dev.kvlab.vault.bench.EmbeddedStartBench child local \
  >"$out/cds.log" 2>&1
java -cp "$cp" dev.kvlab.vault.bench.EmbeddedStartBench 5 -XX:SharedArchiveFile="$out/vault.jsa" "${short[@]}"
echo "== standalone start"
java -cp "$cp" dev.kvlab.vault.bench.StandaloneStartBench 5 "${server[@]}"
java -cp "$cp" dev.kvlab.vault.bench.StandaloneStartBench 5 "${short[@]}"
echo "== SDK getSecret throughput (the vault in a JVM of its own)"
java -cp "$cp" dev.kvlab.vault.bench.ThroughputBench "$seconds" "$warm" "${server[@]}"
java -cp "$cp" dev.kvlab.vault.bench.ThroughputBench "$seconds" "$warm" "${short[@]}"
echo "== memory: RSS of the vault JVM with 10,000 secrets after a minute of 8-thread load"
java -cp "$cp" dev.kvlab.vault.bench.RssBench 60 10000 "${server[@]}"
java -cp "$cp" dev.kvlab.vault.bench.RssBench 60 10000 -XX:+UseSerialGC # the alias's options before the heap sizing
echo "== heap"
java -Xmx1g -cp "$cp" dev.kvlab.vault.bench.HeapBench 10000

#!/usr/bin/env bash
# Local vault benchmarks (results go in docs/BENCHMARKS.md, "Local vault"): embedded start, standalone start,
# SDK getSecret throughput and latency, heap with 10,000 secrets x 5 versions. Short runs: the machine is shared.
#   bench/vault.sh [seconds-per-throughput-run]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-5}"
cd "$root"
mvn -B -q -o -pl vault test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
cp="vault/target/test-classes:vault/target/classes:$(cat vault/target/bench.classpath)"
echo "== embedded start (5 fresh JVMs)"
for _ in 1 2 3 4 5; do java -cp "$cp" dev.kvlab.vault.bench.EmbeddedStartBench; done
echo "== standalone start"
java -cp "$cp" dev.kvlab.vault.bench.StandaloneStartBench 5
echo "== throughput (client and server in one JVM)"
java -cp "$cp" dev.kvlab.vault.bench.ThroughputBench "$seconds"
echo "== heap"
java -Xmx1g -cp "$cp" dev.kvlab.vault.bench.HeapBench 10000

#!/usr/bin/env bash
# Local App Configuration store benchmarks (results go in docs/BENCHMARKS.md, "Local App Configuration store"):
# LocalAppConfig start (vault and store) to the first SDK answer, fresh and warm JVM; SDK listConfigurationSettings
# throughput with 1 and 8 client threads, a one-page and a two-page list. About a minute.
#   bench/appconfig.sh [seconds-per-throughput-run] [warm-up-seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}" warm="${2:-10}"
cd "$root"
# in one reactor, so kvlab-vault on the class path is this checkout's vault/target/classes
mvn -B -q -o -pl vault,appconfig test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
cp="appconfig/target/test-classes:appconfig/target/classes:$(cat appconfig/target/bench.classpath)"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:+UseSerialGC -cp "$cp" dev.kvlab.appconfig.bench.AppConfigBench "$seconds" "$warm" 1 8
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

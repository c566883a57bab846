#!/usr/bin/env bash
# Runs the JMH benchmarks of src/jmh/java; arguments go to JMH, e.g.
#   bench/jmh.sh KernelBenchmarks -p function=sigmoid,relu
#   bench/jmh.sh CodecBenchmarks.jsonRead -prof gc
# Build first: ./mvnw -B -q -Pbench -DskipTests process-test-classes
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/bench-classpath.txt || ! -f target/test-classes/META-INF/BenchmarkList ]]; then
  ./mvnw -B -q -Pbench -DskipTests process-test-classes
fi
exec java --add-modules jdk.incubator.vector \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "$@"

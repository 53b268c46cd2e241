#!/usr/bin/env bash
# Builds the host, the GeWe plugin and the benchmark harness, then runs every benchmark and writes
# benchmarks/results/<date>.md. Options are passed to the harness (--quick, --only ..., --help).
# Extra Maven options (e.g. -o for offline) go in MVN_OPTS_EXTRA.
set -euo pipefail
cd "$(dirname "$0")/.."
# clean: the host jar is shaded in place of the plain jar, and a package over an earlier one can keep
# stale classes from it; the figures must come from exactly the sources checked out.
echo "[bench] building (mvn -Pbench clean package, tests skipped)" >&2
mvn -B -q ${MVN_OPTS_EXTRA:-} -Pbench -DskipTests clean package
exec java -Xms1g -Xmx2g -jar benchmarks/target/benchmarks.jar "$@"

#!/usr/bin/env bash
# The leaders' reads and the lifecycle rate at scale (issue 13; README "Data at scale"): for each size,
# generate that many tickets into a fresh working directory with the jar (--generate=N), start the
# service on it with -Xmx512m, time each read over HTTP (ScaleBenchmark: one new write before each,
# median of 5) and the full lifecycle rate (LifecycleBenchmark's, 8 threads), then print both sizes
# side by side with their ratio, with the generation time and the database size.
# Usage: mvn -DskipTests package && bash src/test/bench/scale.sh
#   SIZES="10000 1000000" (default)  LIFECYCLES=400  PORT=18301  KEEP=1 keeps the working directories
#   TIMEOUT=120: seconds one read may take (one that takes longer is reported so and not repeated)
#   PG=jdbc:postgresql://localhost:5432  runs on a new PostgreSQL database per size instead of H2
#   (user and password sanfu_test, the PostgreSQL tests' role: README)
set -uo pipefail
cd "${1:-.}"   # the project, after mvn -DskipTests package (the jar and the compiled benchmark)
JAR=$PWD/$(ls target/sanfu-*.jar | head -1)
SIZES=${SIZES:-"10000 1000000"}
LIFECYCLES=${LIFECYCLES:-400}
PORT=${PORT:-18301}
OUT=$PWD/target/scale
mkdir -p "$OUT"
wait_up() { for i in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return; sleep 1; done; echo "port $PORT never came up"; exit 1; }
files=()
for n in $SIZES; do
  dir=$(mktemp -d)
  args=()
  if [ -n "${PG:-}" ]; then
    db="sanfu_scale_${n}_$$"
    PGPASSWORD=sanfu_test psql -h localhost -U sanfu_test -d postgres -qc "create database $db encoding 'UTF8' template template0"
    args=("--spring.datasource.url=$PG/$db" --spring.datasource.username=sanfu_test --spring.datasource.password=sanfu_test)
  fi
  echo "== $n tickets in $dir${PG:+ (PostgreSQL $db)}"
  start=$(date +%s.%N)
  (cd "$dir" && java -jar "$JAR" --generate="$n" "${args[@]}" > generate.log 2>&1) || { tail -20 "$dir/generate.log"; exit 1; }
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  tail -1 "$dir/generate.log"
  if [ -n "${PG:-}" ]; then
    bytes=$(PGPASSWORD=sanfu_test psql -h localhost -U sanfu_test -d postgres -tAc "select pg_database_size('$db')")
  else
    bytes=$(du -b "$dir/data/sanfu.mv.db" | cut -f1)
  fi
  size="$(echo "scale=1; $bytes / 1048576" | bc) MiB"
  printf "   generation %.0f s (JVM start included), database %s\n" "$secs" "$size"
  (cd "$dir" && exec java -Xmx512m -jar "$JAR" --server.port="$PORT" "${args[@]}" > node.log 2>&1) & pid=$!
  startup=$(date +%s); wait_up; echo "   service up in $(( $(date +%s) - startup )) s"
  mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.sanfu.bench.ScaleBenchmark \
    -Dexec.args="http://127.0.0.1:$PORT $OUT/scale-$n.tsv label=$n generation=$(printf '%.0f' "$secs")s database=${size// /_} lifecycles=$LIFECYCLES timeout=${TIMEOUT:-120}" \
    || echo "   the benchmark failed; see above"
  kill $pid; wait $pid 2>/dev/null || true
  files+=("$OUT/scale-$n.tsv")
  [ -n "${KEEP:-}" ] || rm -rf "$dir"
  [ -z "${PG:-}" ] || [ -n "${KEEP:-}" ] || PGPASSWORD=sanfu_test psql -h localhost -U sanfu_test -d postgres -qc "drop database $db"
done
if [ ${#files[@]} -ge 2 ]; then
  mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.sanfu.bench.ScaleBenchmark \
    -Dexec.args="compare ${files[0]} ${files[-1]}"
fi

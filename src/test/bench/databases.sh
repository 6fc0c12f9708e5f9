#!/usr/bin/env bash
# Lifecycle rate on H2 against PostgreSQL (one node, 8 clients), and two nodes against one on one
# PostgreSQL (README, "Running a cluster"). Needs the sanfu_test role of the PostgreSQL tests (README).
# Usage: mvn -DskipTests package && bash src/test/bench/databases.sh   (N=800 lifecycles per run)
set -euo pipefail
cd "${1:-.}"   # the project, after mvn -DskipTests package (the jar and the compiled benchmark)
JAR=$(ls target/sanfu-*.jar | head -1)
N=${N:-800}
bench() { mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.sanfu.bench.LifecycleBenchmark -Dexec.args="$1 8 $N" 2>&1 | grep lifecycles; echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
wait_up() { for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return; sleep 1; done; echo "port $1 never came up"; exit 1; }
newdb() { local db="sanfu_bench_$1_$$"; PGPASSWORD=sanfu_test psql -h localhost -U sanfu_test -d postgres -qc "create database $db" >&2; echo "$db"; }
run() { local dir; dir=$(mktemp -d); (cd "$dir" && exec java -Xmx512m -jar "$OLDPWD/$JAR" "$@" > node.log 2>&1) & echo $!; }
pgargs() { echo "--spring.datasource.url=jdbc:postgresql://localhost:5432/$1 --spring.datasource.username=sanfu_test --spring.datasource.password=sanfu_test"; }

echo "== one node on H2 (file, WRITE_DELAY=0)"
p=$(run --server.port=18201); wait_up 18201; bench http://127.0.0.1:18201; kill $p; wait $p 2>/dev/null || true
db=$(newdb one)
echo "== one node on PostgreSQL 15"
p=$(run --server.port=18202 $(pgargs $db)); wait_up 18202; bench http://127.0.0.1:18202; kill $p; wait $p 2>/dev/null || true
db=$(newdb two)
echo "== two nodes on one PostgreSQL 15 (lifecycles alternate between them)"
p1=$(run --server.port=18203 $(pgargs $db)); wait_up 18203
p2=$(run --server.port=18204 $(pgargs $db)); wait_up 18204
bench http://127.0.0.1:18203,http://127.0.0.1:18204
echo "== one of those two nodes alone, the other still running idle"
bench http://127.0.0.1:18203
kill $p1 $p2; wait 2>/dev/null || true
for d in $(PGPASSWORD=sanfu_test psql -h localhost -U sanfu_test -d postgres -tAc "select datname from pg_database where datname like 'sanfu_bench_%_$$'"); do
  PGPASSWORD=sanfu_test psql -h localhost -U sanfu_test -d postgres -qc "drop database $d"
done

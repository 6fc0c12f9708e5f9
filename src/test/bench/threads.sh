#!/usr/bin/env bash
# Where a running JVM's processor time goes, by thread group, over a window (README "Performance"): the
# request threads against the JIT compilers, the collector, the ticket index. Linux only (/proc).
# Usage: bash src/test/bench/threads.sh PID [SECONDS=20]   (run a load beside it, e.g. LifecycleBenchmark)
# Prints one line per group that used at least 0.2 s: its name (digits as N) and its seconds of CPU.
set -euo pipefail
pid=$1; secs=${2:-20}
hz=$(getconf CLK_TCK)
snapshot() { # group ticks, one line per thread
  for t in /proc/"$pid"/task/*; do
    name=$(tr ' ' '_' < "$t/comm" | sed 's/[0-9]\+/N/g')
    # utime and stime are the 14th and 15th fields, counted after the name's closing parenthesis
    ticks=$(sed 's/^.*) //' "$t/stat" | awk '{print $12 + $13}')
    echo "$name $ticks"
  done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
before=$(mktemp); after=$(mktemp); trap 'rm -f "$before" "$after"' EXIT
snapshot > "$before"; sleep "$secs"; snapshot > "$after"
join -a 2 "$before" "$after" | awk -v hz="$hz" '{d = (NF == 3 ? $3 - $2 : $2) / hz; if (d >= 0.2) printf "%-24s %7.1f s\n", $1, d}' \
  | sort -k2 -n -r

#!/usr/bin/env bash
# Where a running JVM's processor time goes, by thread group, over a window (README "Performance"): the
# request threads against the JIT compilers, the collector, the ticket index. Linux only (/proc).
# Usage: bash src/test/bench/threads.sh PID [SECONDS=20]   (run a load beside it, e.g. LifecycleBenchmark)
# Prints one line per group that used at least 0.2 s in the window: its name (digits as N) and its seconds of
# CPU. A thread that ended within the window is not counted (its last ticks cannot be read): "ended" says how
# many did.
set -uo pipefail
pid=$1; secs=${2:-20}
hz=$(getconf CLK_TCK)
snapshot() { # one line per thread: id, group, ticks (a thread that ends while it is read is passed over)
  for t in /proc/"$pid"/task/*; do
    name=$({ tr ' ' '_' < "$t/comm"; } 2>/dev/null | sed 's/[0-9]\+/N/g') || continue
    # utime and stime are the 14th and 15th fields, counted after the name's closing parenthesis
    ticks=$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    [ -n "$name" ] && [ -n "$ticks" ] && echo "${t##*/} $name $ticks"
  done | sort
}
before=$(mktemp); after=$(mktemp); trap 'rm -f "$before" "$after"' EXIT
snapshot > "$before"; sleep "$secs"; snapshot > "$after"
# by thread: its ticks since the first look (all of them for a thread started since)
join -a 2 -o '2.2,1.3,2.3' "$before" "$after" | awk -v hz="$hz" '{d[$1] += ($3 - ($2 == "" ? 0 : $2)) / hz}
  END {for (g in d) if (d[g] >= 0.2) printf "%-24s %7.1f s\n", g, d[g]}' | sort -k2 -n -r
echo "ended $(join -v 1 "$before" "$after" | wc -l)"

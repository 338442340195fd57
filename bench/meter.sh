#!/usr/bin/env bash
# Measures the meter against its targets (docs/performance.md) and prints one Markdown table:
#   1. JMH, in memory: MemoryCounterStore.authrep and Meter.authrep on 1 key and on 100,000 keys,
#      with 1 thread and with one thread per core; target >= 1,000,000 authreps/s on 2 cores.
#   2. Redis: `redis-benchmark -t incr -P 16 -n 1000000` (and with -r 100000, information), the store's
#      Lua script alone through redis-benchmark (what Redis sustains for the script path: authreps that
#      check several counters), then the driver (RedisThroughput) on the same Redis right after; target:
#      authreps/s per Redis core used >= 0.5 x INCR/s per Redis core used (the "per core" ratio; "raw"
#      divides the rates).
# The Redis may be shared: nothing is flushed; the driver writes only its own keys and deletes them.
#
# Environment: REDIS_HOST (127.0.0.1), REDIS_PORT (6379), JMH_OPTS ("-wi 3 -i 5 -w 2s -r 3s -f 1"),
# DRIVER_OPTS (extra RedisThroughput arguments, e.g. "--seconds=20"), JAVA_HOME (a JDK >= 21 to prefer),
# SKIP_JMH (1: only the Redis rows, e.g. to repeat them for their spread).
# Raw output goes to bench/target/results/<time>/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUIRED=21
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
JMH_OPTS="${JMH_OPTS:--wi 3 -i 5 -w 2s -r 3s -f 1}"
DRIVER_OPTS="${DRIVER_OPTS:-}"
CORES="$(nproc)"
THREADS="1"; [ "$CORES" -gt 1 ] && THREADS="1 $CORES"
[ "${SKIP_JMH:-0}" = 1 ] && THREADS=""
JAR="$ROOT/bench/target/benchmarks.jar"
OUT="$ROOT/bench/target/results/$(date -u +%Y%m%dT%H%M%SZ)"

die() { echo "meter.sh: $*" >&2; exit 1; }

# --- JDK >= 21, found as ./tollgate finds it (copied from there: it has no shared snippet) ---
java_major() {
  local v
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1) || return 0
  [ -n "$v" ] || return 0
  case "$v" in 1.*) v="${v#1.}" ;; esac
  echo "${v%%[.+-]*}"
}
find_java() {
  local candidates=() c m best="" best_major=0
  for c in /usr/lib/jvm/*/bin/java; do [ -x "$c" ] && candidates+=("$c"); done
  c=$(command -v java 2>/dev/null || true); [ -n "$c" ] && candidates+=("$c")
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    m=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$m" ] && [ "$m" -ge "$REQUIRED" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  fi
  for c in "${candidates[@]}"; do
    m=$(java_major "$c")
    if [ -n "$m" ] && [ "$m" -ge "$REQUIRED" ] && [ "$m" -gt "$best_major" ]; then best="$c"; best_major="$m"; fi
  done
  echo "$best"
}
JAVA=$(find_java)
[ -n "$JAVA" ] || die "needs a Java runtime >= $REQUIRED: set JAVA_HOME to one, or install one under /usr/lib/jvm"
JAVA_DIR="$(cd "$(dirname "$JAVA")/.." && pwd)"
command -v redis-benchmark >/dev/null && command -v redis-cli >/dev/null \
  || die "needs redis-benchmark and redis-cli (Debian: apt-get install redis-tools)"
rcli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }
rcli PING >/dev/null 2>&1 || die "no Redis answers on $REDIS_HOST:$REDIS_PORT"

mkdir -p "$OUT"
echo "meter.sh: building bench (JDK $JAVA_DIR)" >&2
(cd "$ROOT" && JAVA_HOME="$JAVA_DIR" ./mvnw -q -B package -pl bench -am -DskipTests) \
  || die "build failed (run './mvnw -B package -pl bench -am -DskipTests' to see why)"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1. JMH: 1 thread, then one per core ---
for t in $THREADS; do
  echo "meter.sh: JMH, $t thread(s)" >&2
  # shellcheck disable=SC2086 # JMH_OPTS is a list of options
  "$JAVA" -jar "$JAR" $JMH_OPTS -t "$t" -rf csv -rff "$OUT/jmh-t$t.csv" 'io\.tollgate\.bench\..*' \
    >"$OUT/jmh-t$t.log" 2>&1 || { tail -n 30 "$OUT/jmh-t$t.log" >&2; die "JMH failed ($t threads)"; }
done

# --- 2. redis-benchmark, then the driver, back to back ---
redis_cpu() { rcli INFO cpu | tr -d '\r' | awk -F: '/^used_cpu_(user|sys):/ { s += $2 } END { printf "%.3f", s }'; }
REDIS_VERSION="$(rcli INFO server | tr -d '\r' | sed -n 's/^redis_version://p')"
# redis-benchmark's INCR writes the key counter:__rand_int__; delete it afterwards unless it was there before.
HAD_KEY="$(rcli EXISTS counter:__rand_int__)"
echo "meter.sh: redis-benchmark -t incr -P 16 -n 1000000" >&2
cpu0=$(redis_cpu); t0=$(date +%s.%N)
redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -t incr -P 16 -q -n 1000000 >"$OUT/redis-benchmark.log" 2>&1
t1=$(date +%s.%N); cpu1=$(redis_cpu)
[ "$HAD_KEY" = "0" ] && rcli DEL counter:__rand_int__ >/dev/null
INCR=$(tr '\r' '\n' <"$OUT/redis-benchmark.log" | sed -n 's/^INCR: \([0-9.]*\) requests per second.*/\1/p' | tail -n 1)
[ -n "$INCR" ] || { cat "$OUT/redis-benchmark.log" >&2; die "could not read the INCR rate"; }
INCR_CORES=$(awk -v a="$cpu0" -v b="$cpu1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.2f", (b - a) / (e - s) }')

# INCR over 100,000 random keys: what spreading the writes over as many keys as the 100,000-key rows
# costs Redis itself (memory access instead of one hot key). Information only, the target's reference
# is the INCR above. Its keys are counter:<12 digits>: run only if none exists, delete them afterwards.
INCR_R=""; INCR_R_CORES=""
if [ -z "$(rcli --scan --pattern 'counter:[0-9]*' | head -n 1)" ]; then
  echo "meter.sh: redis-benchmark -t incr -P 16 -r 100000 -n 1000000" >&2
  cpu0=$(redis_cpu); t0=$(date +%s.%N)
  redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -t incr -P 16 -r 100000 -q -n 1000000 \
    >"$OUT/redis-benchmark-random.log" 2>&1
  t1=$(date +%s.%N); cpu1=$(redis_cpu)
  rcli --scan --pattern 'counter:[0-9]*' | xargs -r -n 1000 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" DEL >/dev/null
  INCR_R=$(tr '\r' '\n' <"$OUT/redis-benchmark-random.log" | sed -n 's/^INCR: \([0-9.]*\) requests per second.*/\1/p' | tail -n 1)
  INCR_R_CORES=$(awk -v a="$cpu0" -v b="$cpu1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.2f", (b - a) / (e - s) }')
fi

# The store's authrep script alone, pipelined like INCR: what Redis sustains for the script path (one
# authrep checking two counters per call, as the two-limits rows) when the client is not the limit.
SCRIPT_RATE=""; SCRIPT_CORES=""
if SCRIPT="$("$JAVA" -cp "$JAR" io.tollgate.bench.AuthrepScript)"; then
  SHA="$(rcli SCRIPT LOAD "$SCRIPT")"
  KEY="tgbench:evalsha:$$:$RANDOM"
  [ "$(rcli EXISTS "$KEY:d" "$KEY:M")" = "0" ] || die "$KEY:d or $KEY:M exists already"
  echo "meter.sh: redis-benchmark EVALSHA <authrep script> (two counters) -P 16 -n 1000000" >&2
  cpu0=$(redis_cpu); t0=$(date +%s.%N)
  redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -P 16 -q -n 1000000 \
    EVALSHA "$SHA" 2 "$KEY:d" "$KEY:M" 1 2 4611686018427387904 1 86400000 4611686018427387904 1 86400000 \
    >"$OUT/redis-benchmark-script.log" 2>&1
  t1=$(date +%s.%N); cpu1=$(redis_cpu)
  rcli DEL "$KEY:d" "$KEY:M" >/dev/null
  SCRIPT_RATE=$(tr '\r' '\n' <"$OUT/redis-benchmark-script.log" | sed -n 's/.*: \([0-9.]*\) requests per second.*/\1/p' | tail -n 1)
  SCRIPT_CORES=$(awk -v a="$cpu0" -v b="$cpu1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.2f", (b - a) / (e - s) }')
fi

echo "meter.sh: RedisThroughput (store and engine over Redis)" >&2
# shellcheck disable=SC2086 # DRIVER_OPTS is a list of arguments
"$JAVA" -cp "$JAR" io.tollgate.bench.RedisThroughput "--redis=redis://$REDIS_HOST:$REDIS_PORT" $DRIVER_OPTS \
  >"$OUT/redis-driver.log" 2>&1 || { cat "$OUT/redis-driver.log" >&2; die "the Redis driver failed"; }
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 3. the table ---
JDK_VERSION="$("$JAVA" -version 2>&1 | head -n 1)"
CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
{
  echo "- date: $(date -u +'%Y-%m-%d %H:%M UTC'); machine: $CORES cores ($CPU_MODEL)"
  echo "- JDK: $JDK_VERSION; Redis $REDIS_VERSION on $REDIS_HOST:$REDIS_PORT"
  echo "- load average (1/5/15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "- JMH: $([ -n "$THREADS" ] && echo "$JMH_OPTS" || echo "skipped (SKIP_JMH=1)"); driver: $(grep -m1 '^redis ' "$OUT/redis-driver.log" | sed 's/^redis [^ ]* at [^;]*; //')"
  echo
  echo "| what | threads | keys | authreps/s | target | ratio |"
  echo "|---|---|---|---|---|---|"
  for t in $THREADS; do
    # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: apps","Param: keys"
    tr -d '"' <"$OUT/jmh-t$t.csv" | awk -F, -v t="$t" -v cores="$CORES" '
      NR > 1 {
        what = ($1 ~ /StoreAuthrep/) ? "MemoryCounterStore.authrep (JMH)" : "Meter.authrep, memory (JMH)"
        keys = ($8 != "") ? $8 : $9
        ratio = (t == cores) ? sprintf("**%.2f**", $5 / 1e6) : sprintf("%.2f", $5 / 1e6)
        printf "| %s | %s | %s | %s ± %s | 1,000,000 on %s cores | %s |\n", what, t, group(keys), group($5), group($6), cores, ratio
      }
      function group(x,   s, r) { s = sprintf("%.0f", x); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }'
  done
  printf '| redis-benchmark -t incr -P 16 (INCR/s; Redis used %s cores) | — | 1 | %s | reference | — |\n' \
    "$INCR_CORES" "$(printf '%.0f' "$INCR" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')"
  if [ -n "$INCR_R" ]; then
    printf '| redis-benchmark -t incr -P 16 -r 100000 (INCR/s over 100,000 keys; Redis used %s cores) | — | 100,000 | %s | information | %s of INCR/s per core |\n' \
      "$INCR_R_CORES" "$(printf '%.0f' "$INCR_R" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')" \
      "$(awk -v r="$INCR_R" -v c="$INCR_R_CORES" -v i="$INCR" -v ic="$INCR_CORES" 'BEGIN { printf "%.2f", (r / c) / (i / ic) }')"
  fi
  if [ -n "$SCRIPT_RATE" ]; then
    printf '| redis-benchmark EVALSHA <authrep script>, two counters, -P 16 (Redis used %s cores) | — | 1 | %s | 0.5 × INCR/s per core | %s (raw %s) |\n' \
      "$SCRIPT_CORES" "$(printf '%.0f' "$SCRIPT_RATE" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')" \
      "$(awk -v r="$SCRIPT_RATE" -v c="$SCRIPT_CORES" -v i="$INCR" -v ic="$INCR_CORES" 'BEGIN { printf "%.2f", (r / c) / (i / ic / 2) }')" \
      "$(awk -v r="$SCRIPT_RATE" -v i="$INCR" 'BEGIN { printf "%.2f", r / (i / 2) }')"
  fi
  awk -v incr="$INCR" -v incr_cores="$INCR_CORES" '
    $1 == "RESULT" {
      if ($2 == "store") what = "RedisCounterStore.authrepAsync, one limit"
      else if ($2 == "engine") what = "Meter.authrep over Redis, one limit"
      else if ($2 == "two-limits") what = "RedisCounterStore.authrepAsync, two limits (script)"
      else what = "RedisCounterStore.authrepAsync, every call denied"
      per_core = ($5 > 0) ? ($4 / $5) / (incr / incr_cores / 2) : 0
      printf "| %s (Redis used %s cores) | driver | %s | %s | 0.5 × INCR/s per core = %s | **%.2f** (raw %.2f) |\n", what, $5, group($3), group($4), group(incr / incr_cores / 2), per_core, $4 / (incr / 2)
    }
    function group(x,   s, r) { s = sprintf("%.0f", x); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }' \
    "$OUT/redis-driver.log"
} | tee "$OUT/table.md"
echo >&2
echo "meter.sh: raw output in $OUT" >&2

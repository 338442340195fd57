#!/usr/bin/env bash
# Measures the gateway against nginx (docs/performance.md, "Gateway"), all on loopback:
#   direct    wrk -> upstream nginx (the reference upstream, 1 worker, `return 200`)
#   nginx     wrk -> nginx proxy_pass with upstream keepalive -> upstream
#   vertx     wrk -> a bare Vert.x proxy (VertxProxyFloor: no auth, rules, meter or policies) -> upstream
#   tollgate  wrk -> Tollgate gateway (user_key auth, 10 mapping rules, per-minute limit never reached,
#             in-process meter; counters in memory, then in Redis) -> upstream
# Each round runs the targets back to back (A B A B...), after a JIT warm-up; the table gives the
# median of the rounds: requests/s, p99 latency, CPU microseconds per request of the proxy process(es)
# (utime+stime from /proc over the run), and the ratios Tollgate/nginx. Then 10,000 products: RSS,
# p99 against the 10-product run, and image swaps under load (time, failed requests).
#
# Environment: ROUNDS (3), SECONDS_PER_RUN (10), CONNECTIONS (50), WARMUP (20 s), REDIS_URL
# (redis://127.0.0.1:6379; empty skips the Redis run), PRODUCTS_LARGE (10000), GATEWAY_JAVA_OPTS
# (the heap settings shipped in ./tollgate for the gateway, see below), JAVA_HOME.
# Needs nginx (Debian nginx-light) and wrk. Raw output: bench/target/results/gateway-<time>/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
SECS="${SECONDS_PER_RUN:-10}"
CONNS="${CONNECTIONS:-50}"
WARMUP="${WARMUP:-20}"
REDIS_URL="${REDIS_URL-redis://127.0.0.1:6379}"
PRODUCTS_LARGE="${PRODUCTS_LARGE:-10000}"
# What ./tollgate ships for the gateway process (keep in step with the launcher).
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-$(sed -n 's/^GATEWAY_DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$ROOT/tollgate")}"
OUT="$ROOT/bench/target/results/gateway-$(date -u +%Y%m%dT%H%M%SZ)"
UP_PORT=18181; NGINX_PORT=18182; TG_PORT=18183; FLOOR_PORT=18184
HZ=$(getconf CLK_TCK)

die() { echo "gateway.sh: $*" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || die "needs nginx (Debian: apt-get install nginx-light)"
command -v wrk >/dev/null || die "needs wrk (Debian: apt-get install wrk)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- JDK >= 21, as ./tollgate finds it ---
JAVA=""
for c in ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/*/bin/java; do
  [ -x "$c" ] || continue
  v=$("$c" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA="$c"; break; fi
done
[ -n "$JAVA" ] || die "needs a Java runtime >= 21 under /usr/lib/jvm or in JAVA_HOME"
# The JVM flags ./tollgate gives every command (native access; Unsafe memory access from JDK 23 on).
LAUNCHER_OPTS="--enable-native-access=ALL-UNNAMED"
[ "$v" -ge 23 ] && LAUNCHER_OPTS="$LAUNCHER_OPTS --sun-misc-unsafe-memory-access=allow"

mkdir -p "$OUT"
echo "gateway.sh: building bench" >&2
(cd "$ROOT" && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q -B package -pl bench -am -DskipTests) \
  || die "build failed"
JAR="$ROOT/bench/target/benchmarks.jar"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$OUT/up/nginx.pid" ] && kill "$(cat "$OUT/up/nginx.pid")" 2>/dev/null || true
  [ -f "$OUT/px/nginx.pid" ] && kill "$(cat "$OUT/px/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# --- nginx: the upstream (1 worker) and the reference proxy (one worker per core) ---
mkdir -p "$OUT/up" "$OUT/px"
cat > "$OUT/up/nginx.conf" <<EOF
worker_processes 1;
pid $OUT/up/nginx.pid;
error_log $OUT/up/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$UP_PORT; location / { return 200 "hello world\n"; } } }
EOF
cat > "$OUT/px/nginx.conf" <<EOF
worker_processes $(nproc);
pid $OUT/px/nginx.pid;
error_log $OUT/px/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream up { server 127.0.0.1:$UP_PORT; keepalive 64; keepalive_requests 1000000; }
  server { listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
EOF
"$NGINX" -c "$OUT/up/nginx.conf" -p "$OUT/up" -e "$OUT/up/error.log"
"$NGINX" -c "$OUT/px/nginx.conf" -p "$OUT/px" -e "$OUT/px/error.log"
sleep 0.5
curl -fsS "http://127.0.0.1:$NGINX_PORT/" >/dev/null || die "nginx proxy does not answer"

# --- Tollgate's gateway (GatewayBenchServer): stdin is a FIFO so the script can ask for image swaps ---
TG_PID=""
start_tollgate() { # products, extra args...
  local products="$1"; shift
  stop_tollgate
  rm -f "$OUT/swap.fifo"; mkfifo "$OUT/swap.fifo"
  # shellcheck disable=SC2086
  "$JAVA" $GATEWAY_JAVA_OPTS $LAUNCHER_OPTS -cp "$JAR" io.tollgate.bench.GatewayBenchServer \
    --port=$TG_PORT --upstream="http://127.0.0.1:$UP_PORT" --products="$products" "$@" \
    < "$OUT/swap.fifo" > "$OUT/tollgate-$products.log" 2>&1 &
  TG_PID=$!
  PIDS+=("$TG_PID")
  exec 7> "$OUT/swap.fifo"
  for _ in $(seq 1 300); do grep -q '^ready' "$OUT/tollgate-$products.log" 2>/dev/null && return 0; sleep 0.1; done
  cat "$OUT/tollgate-$products.log" >&2; die "the gateway did not start"
}
stop_tollgate() {
  if [ -n "$TG_PID" ]; then exec 7>&- || true; kill "$TG_PID" 2>/dev/null || true; wait "$TG_PID" 2>/dev/null || true; TG_PID=""; fi
}

# A wrk script choosing among N products per request (Host and user key).
wrk_script() { # products
  cat > "$OUT/products-$1.lua" <<EOF
local n = $1
request = function()
  local i = math.random(0, n - 1)
  return wrk.format("GET", "/api/items?user_key=bench-key-" .. i, { Host = "p" .. i .. ".bench" })
end
EOF
  echo "$OUT/products-$1.lua"
}

cpu_ticks() { # pids... -> utime+stime summed
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}
nginx_pids() { pgrep -P "$(cat "$OUT/px/nginx.pid")" | tr '\n' ' '; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# run <label> <url> <pids> [wrk args...] -> appends "label rps p99_ms cpu_us_per_req errors" to $OUT/runs.txt
run() {
  local label="$1" url="$2" pids="$3"; shift 3
  local before after out rps p99 reqs errors
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  out=$(wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "$@" "$url")
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  echo "$out" > "$OUT/wrk-$label-$(date +%s%N).txt"
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  errors=$(echo "$out" | awk '/Non-2xx/ {n+=$5} /Socket errors/ {gsub(/,/,""); n+=$4+$6+$8+$10} END {print n+0}')
  local cpu_us="-"
  [ "$pids" != "-" ] && cpu_us=$(awk -v t=$((after - before)) -v hz="$HZ" -v r="$reqs" 'BEGIN {printf "%.1f", t * 1000000 / hz / r}')
  echo "$label $rps $p99 $cpu_us $errors" | tee -a "$OUT/runs.txt" >&2
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
col() { awk -v l="$1" -v c="$2" '$1==l {print $c}' "$OUT/runs.txt" | median; }

URL_PATH="/api/items?user_key=bench-key-0"
LOAD_AVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the Vert.x floor (VertxProxyFloor): a bare Vert.x proxy, what the framework alone costs ---
# shellcheck disable=SC2086
"$JAVA" $GATEWAY_JAVA_OPTS $LAUNCHER_OPTS -cp "$JAR" io.tollgate.bench.VertxProxyFloor --port=$FLOOR_PORT \
  --upstream-port=$UP_PORT > "$OUT/floor.log" 2>&1 &
FLOOR_PID=$!
PIDS+=("$FLOOR_PID")
for _ in $(seq 1 100); do grep -q '^ready' "$OUT/floor.log" 2>/dev/null && break; sleep 0.1; done
grep -q '^ready' "$OUT/floor.log" || { cat "$OUT/floor.log" >&2; die "the Vert.x floor did not start"; }

# ---- 1. memory counters, 10 products (one chosen at random per request) ----
start_tollgate 10
S10=$(wrk_script 10)
echo "gateway.sh: warming up ($WARMUP s)" >&2
wrk -t1 -c"$CONNS" -d"${WARMUP}s" -s "$S10" "http://127.0.0.1:$TG_PORT/" >/dev/null
wrk -t1 -c"$CONNS" -d5s "http://127.0.0.1:$NGINX_PORT$URL_PATH" >/dev/null
wrk -t1 -c"$CONNS" -d"${WARMUP}s" "http://127.0.0.1:$FLOOR_PORT$URL_PATH" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  run direct "http://127.0.0.1:$UP_PORT$URL_PATH" "-"
  run nginx "http://127.0.0.1:$NGINX_PORT$URL_PATH" "$(nginx_pids)"
  run vertx "http://127.0.0.1:$FLOOR_PORT$URL_PATH" "$FLOOR_PID"
  run tollgate "http://127.0.0.1:$TG_PORT/" "$TG_PID" -s "$S10"
done
RSS_10=$(rss_kib "$TG_PID"); PEAK_10=$(awk '/^VmHWM/ {print $2}' "/proc/$TG_PID/status")
kill "$FLOOR_PID" 2>/dev/null || true

# ---- 2. counters in Redis ----
if [ -n "$REDIS_URL" ]; then
  start_tollgate 10 --redis="$REDIS_URL"
  wrk -t1 -c"$CONNS" -d"${WARMUP}s" -s "$S10" "http://127.0.0.1:$TG_PORT/" >/dev/null
  for r in $(seq 1 "$ROUNDS"); do
    run nginx-r "http://127.0.0.1:$NGINX_PORT$URL_PATH" "$(nginx_pids)"
    run tollgate-redis "http://127.0.0.1:$TG_PORT/" "$TG_PID" -s "$S10"
  done
fi

# ---- 3. 10,000 products (PRODUCTS_LARGE=0 skips) ----
if [ "$PRODUCTS_LARGE" -gt 0 ]; then
start_tollgate "$PRODUCTS_LARGE"
BUILD_MS=$(awk '/^ready/ {print $4}' "$OUT/tollgate-$PRODUCTS_LARGE.log")
SL=$(wrk_script "$PRODUCTS_LARGE")
wrk -t1 -c"$CONNS" -d"${WARMUP}s" -s "$SL" "http://127.0.0.1:$TG_PORT/" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  run tollgate-large "http://127.0.0.1:$TG_PORT/" "$TG_PID" -s "$SL"
done
RSS_LARGE=$(rss_kib "$TG_PID")
# Swaps under load: one changed product, then every product changed, while wrk runs.
( sleep 3; echo one >&7; sleep 3; echo all >&7; sleep 3; echo one >&7 ) &
SWAPPER=$!
run tollgate-swaps "http://127.0.0.1:$TG_PORT/" "$TG_PID" -s "$SL"
wait "$SWAPPER"
SWAPS=$(grep '^swapped' "$OUT/tollgate-$PRODUCTS_LARGE.log" | tr '\n' ';')
PEAK_LARGE=$(awk '/^VmHWM/ {print $2}' "/proc/$TG_PID/status")
fi
stop_tollgate
LOAD_AVG_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- table ----
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b == 0 || b == "-") print "-"; else printf "%.2f", a / b}'; }
D_RPS=$(col direct 2); N_RPS=$(col nginx 2); T_RPS=$(col tollgate 2)
N_P99=$(col nginx 3); T_P99=$(col tollgate 3); N_CPU=$(col nginx 4); T_CPU=$(col tollgate 4)
L_P99=$(col tollgate-large 3); L_RPS=$(col tollgate-large 2)
{
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo "- JDK: $("$JAVA" -version 2>&1 | head -n1); gateway JVM options: ${GATEWAY_JAVA_OPTS:-none}; nginx $("$NGINX" -v 2>&1 | cut -d/ -f2); wrk -t1 -c$CONNS -d${SECS}s, $ROUNDS rounds, medians"
  echo "- load average before: $LOAD_AVG_BEFORE; after: $LOAD_AVG_AFTER"
  echo
  echo "| what | req/s | p99 ms | CPU µs/req | vs nginx (req/s · CPU · p99) | target |"
  echo "|---|---|---|---|---|---|"
  echo "| direct to upstream | $D_RPS | $(col direct 3) | — | — | — |"
  echo "| nginx proxy_pass, keepalive | $N_RPS | $N_P99 | $N_CPU | 1 | reference |"
  echo "| bare Vert.x proxy (the floor) | $(col vertx 2) | $(col vertx 3) | $(col vertx 4) | $(ratio "$(col vertx 2)" "$N_RPS") · $(ratio "$(col vertx 4)" "$N_CPU") · $(ratio "$(col vertx 3)" "$N_P99") | — |"
  echo "| Tollgate, memory counters | $T_RPS | $T_P99 | $T_CPU | **$(ratio "$T_RPS" "$N_RPS")** · **$(ratio "$T_CPU" "$N_CPU")** · **$(ratio "$T_P99" "$N_P99")** | ≥ 0.8 · ≤ 2 · ≤ 1.5 |"
  if [ -n "$REDIS_URL" ]; then
    NR_RPS=$(col nginx-r 2); R_RPS=$(col tollgate-redis 2)
    echo "| nginx (same rounds as Redis) | $NR_RPS | $(col nginx-r 3) | $(col nginx-r 4) | 1 | reference |"
    echo "| Tollgate, Redis counters | $R_RPS | $(col tollgate-redis 3) | $(col tollgate-redis 4) | **$(ratio "$R_RPS" "$NR_RPS")** · $(ratio "$(col tollgate-redis 4)" "$(col nginx-r 4)") · $(ratio "$(col tollgate-redis 3)" "$(col nginx-r 3)") | ≥ 0.6 req/s |"
  fi
  [ "$PRODUCTS_LARGE" -gt 0 ] && echo "| Tollgate, $PRODUCTS_LARGE products | $L_RPS | $L_P99 | $(col tollgate-large 4) | p99 vs 10 products: **$(ratio "$L_P99" "$T_P99")** | ≤ 1.10 |"
  echo
  [ "$PRODUCTS_LARGE" -gt 0 ] && echo "- RSS under load: 10 products $((RSS_10 / 1024)) MiB; $PRODUCTS_LARGE products $((RSS_LARGE / 1024)) MiB (increase **$(((RSS_LARGE - RSS_10) / 1024)) MiB**, target ≤ 300; RSS target ≤ 256 MiB); peak RSS: 10 products $((PEAK_10 / 1024)) MiB, $PRODUCTS_LARGE products with the swaps $((PEAK_LARGE / 1024)) MiB"
  [ "$PRODUCTS_LARGE" -gt 0 ] && echo "- image of $PRODUCTS_LARGE products built in $BUILD_MS ms at start; swaps under load: $SWAPS failed requests during the swap run: $(awk '$1=="tollgate-swaps" {print $5}' "$OUT/runs.txt") (target: swap ≤ 1000 ms, 0 failed)"
} | tee "$OUT/table.md"
echo "gateway.sh: raw output in $OUT" >&2

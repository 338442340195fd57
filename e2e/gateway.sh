#!/usr/bin/env bash
# Black-box check of the gateways of a running `tollgate up`: a product set up through the admin API
# (backend, mapping rules, plan with a limit, application), deployed and promoted, must be served by
# the production and staging gateways as configured — credentials, rules, limits, gateway responses,
# debug headers, what the upstream receives — and a promotion must reach production within a second.
#
#   TOLLGATE_URL=http://localhost:3000 TOLLGATE_TOKEN=<admin token> \
#   TOLLGATE_GATEWAY_URL=http://localhost:8080 TOLLGATE_STAGING_URL=http://localhost:8090 \
#   TOLLGATE_MANAGEMENT_URL=http://localhost:9090 e2e/gateway.sh
#
# Needs curl, jq and python3 (for the echo upstream, e2e/echo-upstream.py, started on a free port).
# KEEP_PRODUCT_FILE=<path> writes HOST=, KEY=, SERVICE= of the product and UPSTREAM_PID= there, and
# leaves the echo upstream running, for a caller that goes on using them (and stops the upstream).
# Stops at the first failed check with a "FAIL:" line and exit code 1; prints "N checks passed".
set -uo pipefail

: "${TOLLGATE_URL:?set TOLLGATE_URL, e.g. http://localhost:3000}"
: "${TOLLGATE_TOKEN:?set TOLLGATE_TOKEN to an admin access token}"
: "${TOLLGATE_GATEWAY_URL:?set TOLLGATE_GATEWAY_URL, e.g. http://localhost:8080}"
: "${TOLLGATE_STAGING_URL:?set TOLLGATE_STAGING_URL, e.g. http://localhost:8090}"
: "${TOLLGATE_MANAGEMENT_URL:?set TOLLGATE_MANAGEMENT_URL, e.g. http://localhost:9090}"
command -v jq >/dev/null || { echo "gateway.sh: needs jq" >&2; exit 2; }
command -v python3 >/dev/null || { echo "gateway.sh: needs python3" >&2; exit 2; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
A="$TOLLGATE_URL/admin/api"
T="$TOLLGATE_TOKEN"
GW="$TOLLGATE_GATEWAY_URL"
ST="$TOLLGATE_STAGING_URL"
MG="$TOLLGATE_MANAGEMENT_URL"
RUN="$(date +%s)$$"
HOST="pets-$RUN.example.test"
STAGING_HOST="pets-$RUN-staging.example.test"
TMP=$(mktemp -d)
UPSTREAM_PID=""
# With KEEP_PRODUCT_FILE the echo upstream keeps running for the caller (its pid is in the file).
cleanup() { [ -n "$UPSTREAM_PID" ] && [ -z "${KEEP_PRODUCT_FILE:-}" ] && kill "$UPSTREAM_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/checks.sh"

# call BASE HOST PATH [curl args...]: a request through a gateway; sets STATUS, BODY, headers file.
call() {
  local base=$1 host=$2 path=$3; shift 3
  STATUS=$(curl -s -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' -H "Host: $host" "$@" "$base$path") \
    || STATUS="curl-failed"
  BODY=$(cat "$TMP/body")
  LAST="gateway ${base##*:} $host ${path%%\?*}${DESC:+ ($DESC)}"
}
header() { grep -i "^$1:" "$TMP/headers" | head -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ //'; }
expect_status() { [ "$STATUS" = "$1" ] || fail "status $STATUS, expected $1"; pass; }
expect_body() { [ "$BODY" = "$1" ] || fail "body \"$BODY\", expected \"$1\""; pass; }
expect_header() { local v; v=$(header "$1"); [ "$v" = "$2" ] || fail "header $1 is \"$v\", expected \"$2\""; pass; }
echoed() { echo "$BODY" | jq -r "$1"; }
upstream_count() { curl -s "http://127.0.0.1:$UPSTREAM_PORT/__count" | jq -r .count; }

# --- the echo upstream ---
UPSTREAM_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$HERE/echo-upstream.py" "$UPSTREAM_PORT" > "$TMP/upstream.log" 2>&1 &
UPSTREAM_PID=$!
for _ in $(seq 1 50); do curl -s "http://127.0.0.1:$UPSTREAM_PORT/__count" >/dev/null && break; sleep 0.1; done

# --- a product: backend at /, rules, a plan with 3 list_pets a minute, an application ---
admin_ok 201 POST "/backend_apis.json" --data-urlencode "name=Pets backend $RUN" \
  --data-urlencode "private_endpoint=http://127.0.0.1:$UPSTREAM_PORT/base"
BACKEND=$(echo "$BODY" | jq .backend_api.id)
admin_ok 201 POST "/services.json" --data-urlencode "name=Pets $RUN" --data-urlencode "system_name=pets_$RUN"
SERVICE=$(echo "$BODY" | jq .service.id)
admin_ok 201 POST "/services/$SERVICE/backend_usages.json" -d "backend_api_id=$BACKEND" --data-urlencode "path=/"
admin_ok 200 GET "/services/$SERVICE/metrics.json"
HITS=$(echo "$BODY" | jq '.metrics[] | select(.metric.system_name=="hits") | .metric.id')
admin_ok 201 POST "/services/$SERVICE/metrics/$HITS/methods.json" -d "friendly_name=List pets" -d "system_name=list_pets"
LIST=$(echo "$BODY" | jq .method.id)
admin_ok 201 POST "/services/$SERVICE/proxy/mapping_rules.json" -d "http_method=GET" --data-urlencode "pattern=/pets" \
  -d "delta=1" -d "metric_id=$LIST"
admin_ok 201 POST "/services/$SERVICE/proxy/mapping_rules.json" -d "http_method=POST" --data-urlencode "pattern=/orders\$" \
  -d "delta=2" -d "metric_id=$HITS"
admin_ok 200 PATCH "/services/$SERVICE/proxy.json" --data-urlencode "endpoint=http://$HOST" \
  --data-urlencode "sandbox_endpoint=http://$STAGING_HOST" -d "secret_token=s3cret-$RUN"
admin_ok 201 POST "/services/$SERVICE/application_plans.json" -d "name=Basic"
PLAN=$(echo "$BODY" | jq .application_plan.id)
admin_ok 201 POST "/application_plans/$PLAN/metrics/$LIST/limits.json" -d "period=minute" -d "value=3"
admin_ok 201 POST "/signup.json" -d "org_name=Dev $RUN" -d "username=dev$RUN" -d "email=dev$RUN@example.com" \
  -d "password=secret-pass-$RUN"
ACCOUNT=$(echo "$BODY" | jq .account.id)
admin_ok 201 POST "/accounts/$ACCOUNT/applications.json" -d "plan_id=$PLAN" -d "name=App $RUN"
KEY=$(echo "$BODY" | jq -r .application.user_key)
admin_ok 200 GET "/services/$SERVICE/service_tokens.json"
TOKEN=$(echo "$BODY" | jq -r '.service_tokens[0].service_token.value')
admin_ok 201 POST "/services/$SERVICE/proxy/deploy.json"
SANDBOX=$(echo "$BODY" | jq -r .proxy.sandbox_endpoint)
[ "$SANDBOX" = "http://$STAGING_HOST" ] || fail "sandbox endpoint $SANDBOX"
VERSION=$(curl -s "$A/services/$SERVICE/proxy/configs/sandbox/latest.json?access_token=$T" | jq .proxy_config.version)
admin_ok 201 POST "/services/$SERVICE/proxy/configs/sandbox/$VERSION/promote.json" -d "to=production"

# --- production: the upstream gets the request as configured ---
for _ in $(seq 1 40); do
  call "$GW" "$HOST" "/pets?user_key=$KEY&page=2"; [ "$STATUS" = 200 ] && break; sleep 0.05
done
DESC="authorized"
expect_status 200
[ "$(echoed .path)" = "/base/pets?user_key=$KEY&page=2" ] || fail "upstream saw path $(echoed .path)"; pass
[ "$(echoed '.headers["host"]')" = "$HOST" ] || fail "upstream Host $(echoed '.headers["host"]')"; pass
[ "$(echoed '.headers["x-3scale-proxy-secret-token"]')" = "s3cret-$RUN" ] || fail "secret token not sent"; pass
[ "$(echoed '.headers["x-forwarded-for"]')" = "127.0.0.1" ] || fail "X-Forwarded-For $(echoed '.headers["x-forwarded-for"]')"; pass

DESC="client forwarding headers replaced"
call "$GW" "$HOST" "/pets?user_key=$KEY" -H "X-Forwarded-For: 6.6.6.6" -H "X-3scale-proxy-secret-token: forged"
expect_status 200
[ "$(echoed '.headers["x-forwarded-for"]')" = "127.0.0.1" ] || fail "client X-Forwarded-For kept"; pass
[ "$(echoed '.headers["x-3scale-proxy-secret-token"]')" = "s3cret-$RUN" ] || fail "client secret token kept"; pass

DESC="debug headers"
call "$GW" "$HOST" "/pets?user_key=$KEY" -H "X-3scale-debug: $TOKEN"
expect_status 200
expect_header X-3scale-matched-rules "/pets"
expect_header X-3scale-usage "usage%5Blist_pets%5D=1"
expect_header X-3scale-service-id "$SERVICE"
[ "$(echoed '.headers["x-3scale-debug"]')" = "null" ] || fail "the debug header reached the upstream"; pass

DESC="limit of 3 a minute reached"
call "$GW" "$HOST" "/pets?user_key=$KEY"
expect_status 429
expect_body "Usage limit exceeded"
RETRY=$(header Retry-After)
{ [ -n "$RETRY" ] && [ "$RETRY" -ge 1 ] && [ "$RETRY" -le 60 ]; } || fail "Retry-After \"$RETRY\""; pass

DESC="hits are not limited: a POST counts 2 hits"
call "$GW" "$HOST" "/orders?user_key=$KEY" -X POST -d 'order=1'
expect_status 200
[ "$(echoed .body)" = "order=1" ] || fail "upstream got body $(echoed .body)"; pass

BEFORE=$(upstream_count)
DESC="no credentials"; call "$GW" "$HOST" "/pets"; expect_status 403; expect_body "Authentication parameters missing"
DESC="unknown key"; call "$GW" "$HOST" "/pets?user_key=nope"; expect_status 403; expect_body "Authentication failed"
DESC="no rule"; call "$GW" "$HOST" "/orders/7?user_key=$KEY"; expect_status 404; expect_body "No Mapping Rule matched"
DESC="unknown host"; call "$GW" "nobody-$RUN.example.test" "/pets?user_key=$KEY"; expect_status 404; expect_body ""
DESC="dot segments"; call "$GW" "$HOST" "/pets/../orders/7?user_key=$KEY" --path-as-is; expect_status 404
[ "$(upstream_count)" = "$BEFORE" ] || fail "refused requests reached the upstream"; pass

# --- staging serves the latest sandbox version; production only what was promoted ---
admin_ok 201 POST "/services/$SERVICE/proxy/mapping_rules.json" -d "http_method=GET" --data-urlencode "pattern=/toys" \
  -d "delta=1" -d "metric_id=$HITS"
admin_ok 201 POST "/services/$SERVICE/proxy/deploy.json"
DESC="staging, new rule"; call "$ST" "$STAGING_HOST" "/toys?user_key=$KEY"; expect_status 200
DESC="production, not promoted"; call "$GW" "$HOST" "/toys?user_key=$KEY"; expect_status 404

VERSION=$(curl -s "$A/services/$SERVICE/proxy/configs/sandbox/latest.json?access_token=$T" | jq .proxy_config.version)
START=$(date +%s%N)
admin_ok 201 POST "/services/$SERVICE/proxy/configs/sandbox/$VERSION/promote.json" -d "to=production"
SEEN=""
for _ in $(seq 1 100); do
  call "$GW" "$HOST" "/toys?user_key=$KEY"
  if [ "$STATUS" = 200 ]; then SEEN=$(( ($(date +%s%N) - START) / 1000000 )); break; fi
  sleep 0.02
done
LAST="promotion reaches production"
[ -n "$SEEN" ] || fail "not served 2 s after the promotion"
[ "$SEEN" -le 1000 ] || fail "served after $SEEN ms (expected: within 1000 ms)"
pass
echo "promotion visible in production after ${SEEN} ms"

# --- management port ---
STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' "$MG/status/ready"); BODY=$(cat "$TMP/body"); LAST="management ready"
expect_status 200
STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' "$MG/status/info"); BODY=$(cat "$TMP/body"); LAST="management info"
expect_status 200
[ "$(echo "$BODY" | jq '.environments.production.products >= 1')" = "true" ] || fail "info has no production products"; pass
STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' "$MG/metrics"); BODY=$(cat "$TMP/body"); LAST="management metrics"
expect_status 200
echo "$BODY" | grep -q "tollgate_gateway_requests_total{environment=\"production\",product=\"$SERVICE\",status=\"429\"}" \
  || fail "no 429 counted for product $SERVICE"; pass

# For a caller that goes on with this product (KEEP_PRODUCT_FILE): its host and application key.
if [ -n "${KEEP_PRODUCT_FILE:-}" ]; then
  printf 'HOST=%s\nKEY=%s\nSERVICE=%s\nUPSTREAM_PID=%s\n' "$HOST" "$KEY" "$SERVICE" "$UPSTREAM_PID" \
    > "$KEEP_PRODUCT_FILE"
fi

echo "$PASSED checks passed"

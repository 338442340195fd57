#!/usr/bin/env bash
# The control-plane lifecycle against a running Tollgate, as a provider would drive it with curl:
# a plan with limits on hits and on a backend method, a developer account, applications for a
# user_key product and an app_id/app_key product, key add/delete, suspend/resume, change plan,
# approval; then deploy → sandbox v1, change a mapping rule → sandbox v2, promote v2 → production,
# and production keeps v2 while the sandbox moves on.
#
#   TOLLGATE_URL=http://localhost:3000 TOLLGATE_TOKEN=<admin token> e2e/lifecycle.sh
#
# Needs curl and jq. Prints one line per failed check and "N passed, N failed" at the end.
set -uo pipefail

: "${TOLLGATE_URL:?set TOLLGATE_URL, e.g. http://localhost:3000}"
: "${TOLLGATE_TOKEN:?set TOLLGATE_TOKEN to an admin access token}"
command -v jq >/dev/null || { echo "lifecycle.sh: needs jq" >&2; exit 2; }

RUN="$(date +%s)$$"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
PASSED=0; FAILED=0; STATUS=""; BODY=""; LAST=""

call() {
  local method=$1 path=$2 data=${3:-}
  local sep='?'; [[ "$path" == *\?* ]] && sep='&'
  local args=(-s -o "$TMP/body" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json')
  [ -n "$data" ] && args+=(--data "$data")
  STATUS=$(curl "${args[@]}" "$TOLLGATE_URL$path${sep}access_token=$TOLLGATE_TOKEN") || STATUS="curl-failed"
  BODY=$(cat "$TMP/body"); LAST="$method $path"
}
pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $LAST: $*" >&2; echo "      body: ${BODY:0:300}" >&2; }
expect_status() { [ "$STATUS" = "$1" ] && pass || fail "status $STATUS, expected $1"; }
expect() { echo "$BODY" | jq -e "$1" >/dev/null 2>&1 && pass || fail "expected: $1"; }
val() { echo "$BODY" | jq -r "$1"; }

# --- a user_key product with a backend method, and an app_id/app_key product ---
call POST /admin/api/services.json "{\"service\":{\"name\":\"Lifecycle keys $RUN\",\"backend_version\":\"1\"}}"
expect_status 201; KEYED=$(val .service.id)
call POST /admin/api/services.json "{\"service\":{\"name\":\"Lifecycle apps $RUN\",\"backend_version\":\"2\"}}"
expect_status 201; APPID=$(val .service.id)
call POST /admin/api/backend_apis.json "{\"name\":\"Lifecycle backend $RUN\",\"private_endpoint\":\"https://upstream.example.com\"}"
expect_status 201; BACKEND=$(val .backend_api.id)
call GET "/admin/api/backend_apis/$BACKEND/metrics.json"
BHITS=$(val '.metrics[] | select(.metric.system_name == "hits") | .metric.id')
call POST "/admin/api/backend_apis/$BACKEND/metrics/$BHITS/methods.json" '{"friendly_name":"Search","system_name":"search"}'
expect_status 201; SEARCH=$(val .method.id)
call POST "/admin/api/backend_apis/$BACKEND/mapping_rules.json" "{\"http_method\":\"GET\",\"pattern\":\"/search\",\"metric_id\":$SEARCH,\"delta\":1}"
expect_status 201; RULE=$(val .mapping_rule.id)
call POST "/admin/api/services/$KEYED/backend_usages.json" "{\"backend_api_id\":$BACKEND,\"path\":\"/\"}"
expect_status 201
call GET "/admin/api/services/$KEYED/metrics.json"
PHITS=$(val '.metrics[] | select(.metric.system_name == "hits") | .metric.id')

# --- plans with limits on hits and on the backend method ---
call POST "/admin/api/services/$KEYED/application_plans.json" '{"application_plan":{"name":"Basic","state_event":"publish"}}'
expect_status 201; BASIC=$(val .application_plan.id)
expect '.application_plan.state == "published"'
call POST "/admin/api/application_plans/$BASIC/metrics/$PHITS/limits.json" '{"usage_limit":{"period":"minute","value":10}}'
expect_status 201
call POST "/admin/api/application_plans/$BASIC/metrics/$SEARCH/limits.json" '{"usage_limit":{"period":"day","value":100}}'
expect_status 201
expect ".limit.links[] | select(.rel == \"metric\") | .href | endswith(\"/admin/api/backend_apis/$BACKEND/metrics/$SEARCH\")"
call POST "/admin/api/application_plans/$BASIC/metrics/$PHITS/limits.json" '{"usage_limit":{"period":"minute","value":5}}'
expect_status 422; expect '.errors.period == ["has already been taken"]'
call GET "/admin/api/application_plans/$BASIC/limits.json"
expect '.limits | length == 2 and all(has("limit"))'
call POST "/admin/api/services/$KEYED/application_plans.json" '{"application_plan":{"name":"Pro","approval_required":true}}'
expect_status 201; PRO=$(val .application_plan.id)
call GET "/admin/api/services/$KEYED/application_plans.json"
expect '.plans | length == 2 and all(has("application_plan"))'
call POST "/admin/api/services/$APPID/application_plans.json" '{"application_plan":{"name":"Apps"}}'
expect_status 201; APPS_PLAN=$(val .application_plan.id)

# --- a developer account and its applications ---
call POST /admin/api/signup.json "{\"org_name\":\"Lifecycle dev $RUN\",\"username\":\"dev$RUN\",\"email\":\"dev$RUN@example.com\"}"
expect_status 201; ACCOUNT=$(val .account.id)
call GET "/admin/api/accounts/find.json?username=dev$RUN"
expect_status 200; expect ".account.id == $ACCOUNT"

call POST "/admin/api/accounts/$ACCOUNT/applications.json" "{\"plan_id\":$BASIC,\"name\":\"Keyed app\"}"
expect_status 201; KAPP=$(val .application.id); USER_KEY=$(val .application.user_key)
expect '.application.state == "live" and (.application.user_key | length) > 0'
call GET "/admin/api/applications/find.json?user_key=$USER_KEY"
expect_status 200; expect ".application.id == $KAPP"
call PUT "/admin/api/accounts/$ACCOUNT/applications/$KAPP/suspend.json"
expect_status 200; expect '.application.state == "suspended"'
call PUT "/admin/api/accounts/$ACCOUNT/applications/$KAPP/resume.json"
expect_status 200; expect '.application.state == "live"'
call PUT "/admin/api/accounts/$ACCOUNT/applications/$KAPP/change_plan.json" "{\"plan_id\":$PRO}"
expect_status 200; expect ".application.plan_id == $PRO"

call POST "/admin/api/accounts/$ACCOUNT/applications.json" "{\"plan_id\":$PRO,\"name\":\"Needs approval\"}"
expect_status 201; PENDING=$(val .application.id); expect '.application.state == "pending"'
call PUT "/admin/api/accounts/$ACCOUNT/applications/$PENDING/accept.json"
expect_status 200; expect '.application.state == "live"'

call POST "/admin/api/accounts/$ACCOUNT/applications.json" "{\"plan_id\":$APPS_PLAN,\"name\":\"App id app\",\"application_id\":\"lc$RUN\",\"application_key\":\"first-key-$RUN\"}"
expect_status 201; AAPP=$(val .application.id); expect ".application.application_id == \"lc$RUN\""
call POST "/admin/api/accounts/$ACCOUNT/applications/$AAPP/keys.json" "{\"key\":\"second-key-$RUN\"}"
expect_status 201
call GET "/admin/api/accounts/$ACCOUNT/applications/$AAPP/keys.json"
expect '.keys | length == 2 and all(has("key"))'
call DELETE "/admin/api/accounts/$ACCOUNT/applications/$AAPP/keys/first-key-$RUN.json"
expect_status 200
call GET "/admin/api/accounts/$ACCOUNT/applications/$AAPP/keys.json"
expect ".keys == [{\"key\":{\"value\":\"second-key-$RUN\"}}]"
call GET "/admin/api/applications/find.json?app_id=lc$RUN"
expect_status 200; expect ".application.id == $AAPP"

# --- staging deploy, promote, production keeps its version ---
call POST "/admin/api/services/$KEYED/proxy/deploy.json"
expect_status 201
call GET "/admin/api/services/$KEYED/proxy/configs/sandbox/latest.json"
expect_status 200; V1=$(val .proxy_config.version)
call PATCH "/admin/api/backend_apis/$BACKEND/mapping_rules/$RULE.json" '{"pattern":"/search/v2"}'
expect_status 200
call POST "/admin/api/services/$KEYED/proxy/deploy.json"
expect_status 201
call GET "/admin/api/services/$KEYED/proxy/configs/staging/latest.json"
V2=$(val .proxy_config.version)
[ "$V2" -eq $((V1 + 1)) ] && pass || fail "sandbox version $V2 after $V1"
expect '[.proxy_config.content.proxy.proxy_rules[].pattern] | index("/search/v2") != null'
V2_CONTENT=$(val .proxy_config.content)
call POST "/admin/api/services/$KEYED/proxy/configs/sandbox/$V2/promote.json" '{"to":"production"}'
expect_status 201; expect '.proxy_config.environment == "production"'
call PATCH "/admin/api/services/$KEYED/proxy.json" '{"proxy":{"error_status_no_match":418}}'
expect_status 200
call GET "/admin/api/services/$KEYED/proxy/configs/sandbox/latest.json"
expect ".proxy_config.version > $V2 and .proxy_config.content.proxy.error_status_no_match == 418"
call GET "/admin/api/services/$KEYED/proxy/configs/production/latest.json"
expect_status 200
[ "$(val .proxy_config.content)" = "$V2_CONTENT" ] && pass || fail "production content is not sandbox v$V2"
HOST=$(echo "$V2_CONTENT" | jq -r '.proxy.hosts[0]')
call GET "/admin/api/account/proxy_configs/production.json?host=$HOST&version=latest"
expect_status 200; expect ".proxy_configs | length == 1 and .[0].proxy_config.content.id == $KEYED"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

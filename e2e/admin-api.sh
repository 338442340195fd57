#!/usr/bin/env bash
# Black-box check of the admin API's wire shapes against a running Tollgate, the way a 3scale
# toolbox talks to it (Basic auth with the token as password, JSON bodies, .json paths).
# Creates a product, a backend with two methods and mapping rules, a backend usage, patches the
# proxy and the policy chain, lists everything back and checks the exact JSON shapes of
# reference/threescale-client-contract.md §1.7–1.9.
#
#   TOLLGATE_URL=http://localhost:3000 TOLLGATE_TOKEN=<admin token> e2e/admin-api.sh
#
# Needs curl and jq. Prints one line per failed check and "N passed, N failed" at the end.
set -uo pipefail

: "${TOLLGATE_URL:?set TOLLGATE_URL, e.g. http://localhost:3000}"
: "${TOLLGATE_TOKEN:?set TOLLGATE_TOKEN to an admin access token}"
command -v jq >/dev/null || { echo "admin-api.sh: needs jq" >&2; exit 2; }

AUTH="Authorization: Basic $(printf ':%s' "$TOLLGATE_TOKEN" | base64 | tr -d '\n')"
RUN="$(date +%s)$$"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
PASSED=0; FAILED=0
STATUS=""; BODY=""

# call METHOD PATH [JSON]: sets STATUS and BODY.
call() {
  local method=$1 path=$2 data=${3:-}
  local args=(-s -o "$TMP/body" -w '%{http_code}' -X "$method" -H "$AUTH"
              -H 'Accept: application/json' -H 'Content-Type: application/json')
  [ -n "$data" ] && args+=(--data "$data")
  STATUS=$(curl "${args[@]}" "$TOLLGATE_URL$path") || STATUS="curl-failed"
  BODY=$(cat "$TMP/body")
  LAST="$method $path"
}

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $LAST: $*" >&2; echo "      body: ${BODY:0:300}" >&2; }

expect_status() { [ "$STATUS" = "$1" ] && pass || fail "status $STATUS, expected $1"; }

# expect JQ-FILTER: the filter must yield true on BODY.
expect() { echo "$BODY" | jq -e "$1" >/dev/null 2>&1 && pass || fail "expected: $1"; }

# expect_keys JQ-PATH KEY...: the object at PATH has every KEY.
expect_keys() {
  local path=$1; shift
  local k
  for k in "$@"; do
    echo "$BODY" | jq -e "$path | has(\"$k\")" >/dev/null 2>&1 && pass || fail "$path lacks \"$k\""
  done
}

val() { echo "$BODY" | jq -r "$1"; }

# --- product (wrapped body, §1.9 service attributes) ---
call POST /admin/api/services.json "{\"service\":{\"name\":\"E2E Pets $RUN\",\"system_name\":\"e2e_pets_$RUN\",\"description\":\"e2e\",\"backend_version\":\"1\",\"deployment_option\":\"self_managed\"}}"
expect_status 201
expect_keys .service id name system_name backend_version deployment_option description state support_email created_at updated_at
expect '.service.system_name == "e2e_pets_'"$RUN"'" and .service.backend_version == "1" and .service.deployment_option == "self_managed"'
SERVICE=$(val .service.id)

call GET "/admin/api/services/$SERVICE/metrics.json"
expect_status 200
expect '.metrics | type == "array" and length == 1'
expect '.metrics[0] | has("metric")'
expect_keys '.metrics[0].metric' id system_name friendly_name unit description
expect '.metrics[0].metric.system_name == "hits"'

# --- backend (flat body) with two methods and mapping rules ---
call POST /admin/api/backend_apis.json "{\"name\":\"E2E Pets backend $RUN\",\"system_name\":\"e2e_pets_backend_$RUN\",\"description\":\"upstream\",\"private_endpoint\":\"https://pets.example.com/api\"}"
expect_status 201
expect_keys .backend_api id name system_name description private_endpoint
BACKEND=$(val .backend_api.id)

call GET "/admin/api/backend_apis/$BACKEND/metrics.json"
expect_status 200
HITS=$(val '.metrics[] | select(.metric.system_name == "hits") | .metric.id')
[ -n "$HITS" ] && pass || fail "backend has no hits metric"

call POST "/admin/api/backend_apis/$BACKEND/metrics/$HITS/methods.json" '{"friendly_name":"List pets","system_name":"list_pets","description":"GET /pets"}'
expect_status 201
expect_keys .method id system_name friendly_name description parent_id
expect ".method.parent_id == $HITS"
LIST=$(val .method.id)
call POST "/admin/api/backend_apis/$BACKEND/metrics/$HITS/methods.json" '{"friendly_name":"Create pet","system_name":"create_pet"}'
expect_status 201
CREATE=$(val .method.id)

call POST "/admin/api/backend_apis/$BACKEND/mapping_rules.json" "{\"metric_id\":$LIST,\"pattern\":\"/pets\$\",\"http_method\":\"GET\",\"delta\":1}"
expect_status 201
expect_keys .mapping_rule id metric_id pattern http_method delta last position
expect '.mapping_rule.position == 1 and .mapping_rule.last == false'
call POST "/admin/api/backend_apis/$BACKEND/mapping_rules.json" "{\"metric_id\":$CREATE,\"pattern\":\"/pets\",\"http_method\":\"POST\",\"delta\":2,\"last\":true}"
expect_status 201
expect '.mapping_rule.position == 2 and .mapping_rule.last == true and .mapping_rule.delta == 2'

# a product-level rule, wrapped as the toolbox sends it
call POST "/admin/api/services/$SERVICE/proxy/mapping_rules.json" "{\"mapping_rule\":{\"metric_id\":$(curl -s -H "$AUTH" "$TOLLGATE_URL/admin/api/services/$SERVICE/metrics.json" | jq '.metrics[0].metric.id'),\"pattern\":\"/\",\"http_method\":\"GET\",\"delta\":1}}"
expect_status 201
expect_keys .mapping_rule id metric_id pattern http_method delta last position

# --- backend usage (flat body with backend_api_id; the response says backend_id) ---
call POST "/admin/api/services/$SERVICE/backend_usages.json" "{\"path\":\"/v1\",\"backend_api_id\":$BACKEND}"
expect_status 201
expect_keys .backend_usage id path service_id backend_id
expect ".backend_usage.backend_id == $BACKEND and .backend_usage.service_id == $SERVICE and .backend_usage.path == \"/v1\""

# --- proxy PATCH (wrapped; a foreign service_id is ignored) and the policy chain ---
call PATCH "/admin/api/services/$SERVICE/proxy.json" '{"proxy":{"service_id":999999,"credentials_location":"headers","auth_user_key":"x-api-key","error_status_auth_missing":401,"sandbox_endpoint":"http://pets-staging.example.com:8090"}}'
expect_status 200
expect_keys .proxy endpoint sandbox_endpoint credentials_location auth_user_key auth_app_id auth_app_key oidc_issuer_type oidc_issuer_endpoint jwt_claim_with_client_id jwt_claim_with_client_id_type secret_token hostname_rewrite error_auth_failed error_auth_missing error_no_match error_limits_exceeded error_status_auth_failed error_status_auth_missing error_status_no_match error_status_limits_exceeded error_headers_auth_failed
expect ".proxy.service_id == $SERVICE and .proxy.credentials_location == \"headers\" and .proxy.auth_user_key == \"x-api-key\" and .proxy.error_status_auth_missing == 401"

call GET "/admin/api/services/$SERVICE/proxy/policies.json"
expect_status 200
expect '.policies_config == [{"name":"apicast","version":"builtin","configuration":{},"enabled":true}]'
call PUT "/admin/api/services/$SERVICE/proxy/policies.json" '{"policies_config":[{"name":"cors","version":"builtin","configuration":{"allow_origin":"*"},"enabled":true},{"name":"apicast","version":"builtin","configuration":{},"enabled":true}]}'
expect_status 200
expect '.policies_config | length == 2 and .[0].name == "cors" and .[0].configuration.allow_origin == "*"'

# --- list everything back (§1.7 envelopes: every element wrapped; §1.8 pagination) ---
call GET /admin/api/services.json
expect_status 200
expect '.services | type == "array" and all(has("service"))'
expect ".services | map(.service.id) | index($SERVICE) != null"
call GET "/admin/api/services.json?page=1&per_page=1"
expect '.services | length == 1'

call GET "/admin/api/backend_apis/$BACKEND/metrics.json"
expect '.metrics | length == 3 and all(has("metric"))'
expect "[.metrics[].metric | select(.parent_id == $HITS)] | length == 2"
call GET "/admin/api/backend_apis/$BACKEND/metrics/$HITS/methods.json"
expect '.methods | length == 2 and all(has("method"))'
call GET "/admin/api/backend_apis/$BACKEND/mapping_rules.json"
expect '.mapping_rules | length == 2 and all(has("mapping_rule")) and (map(.mapping_rule.position) == [1,2])'
call GET "/admin/api/services/$SERVICE/proxy/mapping_rules.json"
expect '.mapping_rules | length == 1 and all(has("mapping_rule"))'
call GET "/admin/api/services/$SERVICE/backend_usages.json"
expect 'type == "array" and length == 1 and (.[0] | has("backend_usage"))'
call GET "/admin/api/backend_apis.json?page=1&per_page=500"
expect '.backend_apis | all(has("backend_api"))'
call GET "/admin/api/services/$SERVICE/proxy.json"
expect '.proxy.credentials_location == "headers" and (.proxy.policies_config | length) == 2'

# --- errors in the exact shapes clients match on ---
call POST /admin/api/services.json "{\"service\":{\"name\":\"E2E Pets $RUN\",\"system_name\":\"e2e_pets_$RUN\"}}"
expect_status 422
expect '.errors.system_name == ["has already been taken"]'
call POST /admin/api/services.json '{"service":{"name":"x","deployment_option":"plugin_cobol"}}'
expect_status 422
expect '.errors.deployment_option == ["is not included in the list"]'
call GET /admin/api/services/0.json
expect_status 404
expect '. == {"status":"Not found"}'
call POST /admin/api/services.json '{"service": {"name": '
expect_status 400
AUTH="Authorization: Basic $(printf ':wrong-token' | base64)"
call GET /admin/api/services.json
expect_status 403
expect '. == {"error":"Access denied"}'

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

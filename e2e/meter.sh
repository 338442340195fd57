#!/usr/bin/env bash
# Black-box check of the meter's Service Management API (3scale apisonator XML) against a running
# Tollgate: the admin API sets up products, plans, limits and applications; the meter must enforce
# them, answer apisonator's status codes, XML and headers, and see admin changes within a second.
#
#   TOLLGATE_URL=http://localhost:3000 TOLLGATE_TOKEN=<admin token> \
#   TOLLGATE_METER_URL=http://localhost:3001 e2e/meter.sh
#
# Needs curl and jq. Stops at the first failed check with a "FAIL:" line and exit code 1; prints
# "N checks passed" when everything holds. Limits use the eternity period so that no window rolls
# over in the middle of the run; everything it creates carries a per-run suffix.
set -uo pipefail

: "${TOLLGATE_URL:?set TOLLGATE_URL, e.g. http://localhost:3000}"
: "${TOLLGATE_TOKEN:?set TOLLGATE_TOKEN to an admin access token}"
: "${TOLLGATE_METER_URL:?set TOLLGATE_METER_URL, e.g. http://localhost:3001}"
command -v jq >/dev/null || { echo "meter.sh: needs jq" >&2; exit 2; }

A="$TOLLGATE_URL/admin/api"
T="$TOLLGATE_TOKEN"
M="$TOLLGATE_METER_URL"
XML='application/vnd.3scale-v2.0+xml'
RUN="$(date +%s)$$"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/checks.sh"

# sm PATH [curl args...]: a GET on the meter (parameters in PATH); sets STATUS, BODY and the headers file.
sm() {
  local path=$1; shift
  STATUS=$(curl -s -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' "$@" "$M$path") || STATUS="curl-failed"
  BODY=$(cat "$TMP/body")
  LAST="meter ${path%%\?*}${DESC:+ ($DESC)}"
}

# header NAME: the value of a response header of the last meter call (case-insensitive name).
header() {
  tr -d '\r' <"$TMP/headers" | awk -v n="$(echo "$1" | tr 'A-Z' 'a-z')" -F': ' \
    'tolower($1) == n { sub(/^[^:]*: /, ""); print; exit }'
}

expect_status() { [ "$STATUS" = "$1" ] && pass || fail "status $STATUS, expected $1"; }
expect_body() { [[ "$BODY" == *"$1"* ]] && pass || fail "body lacks: $1"; }
expect_empty_body() { [ -z "$BODY" ] && pass || fail "body should be empty"; }
expect_header() {
  local got; got=$(header "$1")
  [ "$got" = "$2" ] && pass || fail "header $1 is \"$got\", expected \"$2\""
}
# expect_current METRIC N: current_value of the first usage report of METRIC in the last body is N.
expect_current() {
  local got
  got=$(echo "$BODY" | sed 's/<usage_report /\n&/g' | grep "^<usage_report metric=\"$1\"" | head -n 1 \
    | sed -n 's/.*<current_value>\([0-9]*\)<.*/\1/p')
  [ "$got" = "$2" ] && pass || fail "current_value of $1 is \"$got\", expected $2"
}

now_ms() { date +%s%3N; }

# until_visible DESCRIPTION COMMAND: runs COMMAND (which sets STATUS/BODY and returns 0 when the change
# shows) until it succeeds or 1 s has passed since the admin change; prints and checks the delay.
until_visible() {
  local what=$1 start=$CHANGED_AT elapsed; shift
  while :; do
    if "$@"; then
      elapsed=$(( $(now_ms) - start ))
      echo "$what visible after ${elapsed} ms"
      [ "$elapsed" -le 1000 ] && pass || fail "$what took ${elapsed} ms (expected: within 1000 ms)"
      return
    fi
    elapsed=$(( $(now_ms) - start ))
    [ "$elapsed" -gt 1000 ] && fail "$what not visible within 1000 ms"
    sleep 0.02
  done
}

id_of() { echo "$BODY" | jq -r "$1"; }

# --- health ---
sm /status
expect_status 200
echo "$BODY" | jq -e '.status == "ok" and (.version.backend | type == "string")' >/dev/null && pass || fail "status JSON"
sm /check.txt
expect_status 200
[ "$BODY" = "ok" ] && pass || fail "check.txt body"
[[ "$(header content-type)" == text/plain* ]] && pass || fail "check.txt content type"

# --- setup: an app_id/app_key product with a method and a disabled metric ---
admin_ok 201 POST /services.json -d "name=Meter E2E $RUN" -d "system_name=meter_e2e_$RUN" -d backend_version=2
SID=$(id_of .service.id)
admin_ok 200 GET "/services/$SID/metrics.json"
HITS=$(id_of '.metrics[] | select(.metric.system_name == "hits") | .metric.id')
admin_ok 201 POST "/services/$SID/metrics/$HITS/methods.json" -d 'friendly_name=List pets' -d system_name=list_pets
LIST=$(id_of .method.id)
admin_ok 201 POST "/services/$SID/metrics.json" -d friendly_name=Exports -d system_name=exports -d unit=call
EXPORTS=$(id_of .metric.id)
admin_ok 200 GET "/services/$SID/service_tokens.json"
ST=$(id_of '.service_tokens[0].service_token.value')
[ -n "$ST" ] && [ "$ST" != null ] || fail "product has no service token"

# Plan Basic: 3 hits for all time, exports disabled (limit 0).
admin_ok 201 POST "/services/$SID/application_plans.json" -d name=Basic
BASIC=$(id_of .application_plan.id)
admin_ok 201 POST "/application_plans/$BASIC/metrics/$HITS/limits.json" -d period=eternity -d value=3
HITS_LIMIT=$(id_of .limit.id)
admin_ok 201 POST "/application_plans/$BASIC/metrics/$EXPORTS/limits.json" -d period=eternity -d value=0
# Plan Metered: roomy limits on hits and on the method, to watch roll-up and reports.
admin_ok 201 POST "/services/$SID/application_plans.json" -d name=Metered
METERED=$(id_of .application_plan.id)
admin_ok 201 POST "/application_plans/$METERED/metrics/$HITS/limits.json" -d period=eternity -d value=100
admin_ok 201 POST "/application_plans/$METERED/metrics/$LIST/limits.json" -d period=eternity -d value=50

admin_ok 201 POST /signup.json -d "org_name=Meter E2E $RUN" -d "username=meter$RUN" -d "email=meter$RUN@e2e.test" -d password=secret123
ACC=$(id_of .account.id)
admin_ok 201 POST "/accounts/$ACC/applications.json" -d plan_id=$BASIC -d name=Limited
APP1=$(id_of .application.id); AID1=$(id_of .application.application_id)
admin_ok 200 GET "/accounts/$ACC/applications/$APP1/keys.json"
KEY1=$(id_of '.keys[0].key.value')
admin_ok 201 POST "/accounts/$ACC/applications.json" -d plan_id=$METERED -d name=Metered
APP2=$(id_of .application.id); AID2=$(id_of .application.application_id)
admin_ok 200 GET "/accounts/$ACC/applications/$APP2/keys.json"
KEY2=$(id_of '.keys[0].key.value')

CRED1="service_token=$ST&service_id=$SID&app_id=$AID1&app_key=$KEY1"
CRED2="service_token=$ST&service_id=$SID&app_id=$AID2&app_key=$KEY2"

# --- authorize does not count ---
DESC="authorize twice"
for _ in 1 2; do
  sm "/transactions/authorize.xml?$CRED1&usage%5Bhits%5D=1"
  expect_status 200
  expect_body '<authorized>true</authorized>'
  expect_current hits 0
done

# --- a limit of 0 disables a metric ---
DESC="usage of a metric limited to 0"
sm "/transactions/authrep.xml?$CRED1&usage%5Bexports%5D=1"
expect_status 409
expect_body '<reason>usage limits are exceeded</reason>'

# --- authrep admits exactly the limit ---
for i in 1 2 3; do
  DESC="authrep $i of limit 3"
  sm "/transactions/authrep.xml?$CRED1&usage%5Bhits%5D=1"
  expect_status 200
  expect_current hits "$i"
done
DESC="authrep over the limit"
sm "/transactions/authrep.xml?$CRED1&usage%5Bhits%5D=1"
expect_status 409
expect_header content-type "$XML"
expect_body '<authorized>false</authorized><reason>usage limits are exceeded</reason><plan>Basic</plan>'
expect_body '<usage_report metric="hits" period="eternity"><max_value>3</max_value><current_value>3</current_value>'

# --- APIcast's extensions ---
DESC="3scale-options on a refused call"
sm "/transactions/authrep.xml?$CRED1&usage%5Bhits%5D=1" -H '3scale-options: rejection_reason_header=1&limit_headers=1&no_body=1'
expect_status 409
expect_empty_body
expect_header 3scale-rejection-reason limits_exceeded
expect_header 3scale-limit-remaining 0
expect_header 3scale-limit-max-value 3
expect_header 3scale-limit-reset -1

# --- wrong application key ---
DESC="wrong app_key"
sm "/transactions/authrep.xml?service_token=$ST&service_id=$SID&app_id=$AID1&app_key=wrong-$RUN&usage%5Bhits%5D=1"
expect_status 409
expect_body "<reason>application key \"wrong-$RUN\" is invalid</reason>"
sm "/transactions/authrep.xml?service_token=$ST&service_id=$SID&app_id=$AID1&app_key=wrong-$RUN" \
  -H '3scale-options: rejection_reason_header=1'
expect_header 3scale-rejection-reason application_key_invalid

# --- a limit change is in force within a second ---
admin_ok 200 PUT "/application_plans/$BASIC/metrics/$HITS/limits/$HITS_LIMIT.json" -d value=5
CHANGED_AT=$(now_ms)
DESC="authorize after raising the limit to 5"
raised() { sm "/transactions/authorize.xml?$CRED1&usage%5Bhits%5D=1"; [ "$STATUS" = 200 ]; }
until_visible "limit 3 -> 5" raised
expect_body '<max_value>5</max_value><current_value>3</current_value>'
for i in 4 5; do
  DESC="authrep $i of limit 5"
  sm "/transactions/authrep.xml?$CRED1&usage%5Bhits%5D=1"
  expect_status 200
done
DESC="authrep over the raised limit"
sm "/transactions/authrep.xml?$CRED1&usage%5Bhits%5D=1"
expect_status 409
expect_body '<reason>usage limits are exceeded</reason>'
ADMITTED1=5

# --- suspending the application is in force within a second ---
admin_ok 200 PUT "/accounts/$ACC/applications/$APP1/suspend.json"
CHANGED_AT=$(now_ms)
DESC="authrep after suspending"
suspended() {
  sm "/transactions/authrep.xml?$CRED1&usage%5Bhits%5D=1"
  [ "$STATUS" = 409 ] && [[ "$BODY" == *'<reason>application is not active</reason>'* ]]
}
until_visible "suspension" suspended
sm "/transactions/authrep.xml?$CRED1&usage%5Bhits%5D=1" -H '3scale-options: rejection_reason_header=1'
expect_status 409
expect_header 3scale-rejection-reason application_not_active

# --- a method rolls up into hits ---
DESC="authrep of a method"
sm "/transactions/authrep.xml?$CRED2&usage%5Blist_pets%5D=2"
expect_status 200
expect_current list_pets 2
expect_current hits 2

# --- batch report (form-encoded) is recorded before the 202 ---
STATUS=$(curl -s -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' -X POST "$M/transactions.xml" \
  --data-urlencode "service_token=$ST" --data-urlencode "service_id=$SID" \
  --data-urlencode "transactions[0][app_id]=$AID2" --data-urlencode 'transactions[0][usage][hits]=5' \
  --data-urlencode "transactions[1][app_id]=$AID2" --data-urlencode 'transactions[1][usage][list_pets]=1')
BODY=$(cat "$TMP/body"); LAST="meter POST /transactions.xml (batch of 2)"
expect_status 202
expect_empty_body
expect_header content-type "$XML"
DESC="authorize after the report"
sm "/transactions/authorize.xml?$CRED2&usage%5Bhits%5D=1"
expect_status 200
expect_current hits 8
expect_current list_pets 3

# --- requests the meter refuses ---
DESC="unknown metric"
sm "/transactions/authrep.xml?$CRED2&usage%5Bnope_$RUN%5D=1"
expect_status 404
expect_body "<error code=\"metric_invalid\">metric \"nope_$RUN\" is invalid</error>"
DESC="service token without service_id"
sm "/transactions/authrep.xml?service_token=$ST&app_id=$AID2&app_key=$KEY2&usage%5Bhits%5D=1"
expect_status 422
expect_body '<error code="service_id_missing">Service ID is missing</error>'
DESC="bad service token"
sm "/transactions/authrep.xml?service_token=bad-$RUN&service_id=$SID&app_id=$AID2&app_key=$KEY2&usage%5Bhits%5D=1"
expect_status 403
expect_body "<error code=\"service_token_invalid\">service token \"bad-$RUN\" or service id \"$SID\" is invalid</error>"
DESC="GET with a body"
sm "/transactions/authrep.xml?$CRED2&usage%5Bhits%5D=1" -X GET --data 'usage[hits]=1'
expect_status 403
expect_body '<error code="request_body_not_allowed">'
STATUS=$(curl -s -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' -X POST "$M/transactions.xml" \
  -H 'Content-Type: application/json' --data "{\"service_token\":\"$ST\",\"service_id\":$SID}")
BODY=$(cat "$TMP/body"); LAST="meter POST /transactions.xml (JSON body)"
expect_status 400
expect_body '<error code="content_type_invalid">invalid Content-Type: application/json</error>'
DESC="nothing refused was counted"
sm "/transactions/authorize.xml?$CRED2"
expect_current hits 8

# --- a user_key product (backend_version 1) with referrer filters ---
admin_ok 201 POST /services.json -d "name=Meter E2E keys $RUN" -d "system_name=meter_e2e_keys_$RUN" -d backend_version=1
SID_K=$(id_of .service.id)
admin_ok 200 GET "/services/$SID_K/service_tokens.json"
ST_K=$(id_of '.service_tokens[0].service_token.value')
admin_ok 201 POST "/services/$SID_K/application_plans.json" -d name=Keys
admin_ok 201 POST "/accounts/$ACC/applications.json" -d plan_id="$(id_of .application_plan.id)" -d name=Keyed
APP_K=$(id_of .application.id); USER_KEY=$(id_of .application.user_key)
[ -n "$USER_KEY" ] && [ "$USER_KEY" != null ] || fail "a backend_version 1 application has no user_key"
CRED_K="service_token=$ST_K&service_id=$SID_K"

DESC="unknown user_key"
sm "/transactions/authrep.xml?$CRED_K&user_key=nokey$RUN&usage%5Bhits%5D=1"
expect_status 403
expect_body "<error code=\"user_key_invalid\">user key \"nokey$RUN\" is invalid</error>"
DESC="known user_key"
sm "/transactions/authrep.xml?$CRED_K&user_key=$USER_KEY&usage%5Bhits%5D=1&referrer=evil.test"
expect_status 200

admin_ok 201 POST "/accounts/$ACC/applications/$APP_K/referrer_filters.json" --data-urlencode 'referrer_filter=*.example.com'
admin_ok 200 PUT "/services/$SID_K.json" -d referrer_filters_required=true
CHANGED_AT=$(now_ms)
DESC="referrer outside the filters"
refused_referrer() {
  sm "/transactions/authrep.xml?$CRED_K&user_key=$USER_KEY&usage%5Bhits%5D=1&referrer=evil.test"
  [ "$STATUS" = 409 ]
}
until_visible "referrer filters" refused_referrer
expect_body '<reason>referrer "evil.test" is not allowed</reason>'
sm "/transactions/authrep.xml?$CRED_K&user_key=$USER_KEY&usage%5Bhits%5D=1&referrer=evil.test" \
  -H '3scale-options: rejection_reason_header=1'
expect_header 3scale-rejection-reason referrer_not_allowed
DESC="missing referrer"
sm "/transactions/authrep.xml?$CRED_K&user_key=$USER_KEY&usage%5Bhits%5D=1"
expect_status 409
expect_body '<reason>referrer is missing</reason>'
DESC="referrer matching a filter"
sm "/transactions/authrep.xml?$CRED_K&user_key=$USER_KEY&usage%5Bhits%5D=1&referrer=api.example.com"
expect_status 200

# --- the analytics total equals what the meter admitted ---
# The range starts yesterday so a run across midnight (UTC) still sees all of it.
SINCE=$(date -u -d yesterday +%Y-%m-%d)
STATS="/stats/applications/$APP1/usage.json?access_token=$T&metric_name=hits&since=$SINCE&period=week"
: >"$TMP/headers"
deadline=$(( $(now_ms) + 3000 ))
while :; do
  STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' "$TOLLGATE_URL$STATS"); BODY=$(cat "$TMP/body")
  LAST="GET /stats/applications/$APP1/usage.json"
  [ "$STATUS" = 200 ] && [ "$(echo "$BODY" | jq .total)" = "$ADMITTED1" ] && break
  [ "$(now_ms)" -gt "$deadline" ] && break
  sleep 0.1
done
expect_status 200
echo "$BODY" | jq -e ".total == $ADMITTED1 and (.values | add) == $ADMITTED1" >/dev/null && pass \
  || fail "stats total $(echo "$BODY" | jq .total), expected $ADMITTED1 (the admitted authreps)"
STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' \
  "$TOLLGATE_URL/stats/applications/$APP2/usage.json?access_token=$T&metric_name=hits&since=$SINCE&period=week")
BODY=$(cat "$TMP/body"); LAST="GET /stats/applications/$APP2/usage.json"
echo "$BODY" | jq -e '.total == 8' >/dev/null && pass || fail "stats total of the metered app, expected 8 (2 + 5 + 1)"

echo "$PASSED checks passed"

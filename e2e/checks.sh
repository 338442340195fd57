# Shared by the black-box check scripts (meter.sh, gateway.sh): source it after setting A (the admin
# API base), T (the token) and TMP (a scratch directory). Keeps STATUS, BODY and LAST of the last call;
# PASSED counts the checks.
PASSED=0
STATUS=""; BODY=""; LAST=""

fail() {
  echo "FAIL: $LAST: $*" >&2
  echo "      status: $STATUS  body: ${BODY:0:400}" >&2
  [ -s "$TMP/headers" ] && sed 's/^/      header: /' "$TMP/headers" | tr -d '\r' >&2
  exit 1
}
pass() { PASSED=$((PASSED + 1)); }

# admin METHOD PATH [curl args...]: an admin API call with form parameters; sets STATUS and BODY.
admin() {
  local method=$1 path=$2; shift 2
  : >"$TMP/headers"
  STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' -X "$method" "$A$path" -d "access_token=$T" "$@") \
    || STATUS="curl-failed"
  BODY=$(cat "$TMP/body")
  LAST="admin $method $path"
}

# admin_ok EXPECTED-STATUS METHOD PATH [curl args...]: an admin call that must succeed (setup, not counted).
admin_ok() {
  local want=$1; shift
  admin "$@"
  [ "$STATUS" = "$want" ] || fail "setup call answered $STATUS, expected $want"
}

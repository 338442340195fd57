-- Tollgate rate_limit: checks every limiter of one request and, only when all admit it, counts it in
-- all of them (atomically: no other script runs in between).
-- KEYS[i]: the limiter's key. ARGV[1]: now (ms). Then three values per key:
--   'f', count, ttl_ms   fixed window: KEYS[i] already names the window; ttl_ms is until its end (+1 s)
--   'b', rate, burst     leaky bucket (resty.limit.req): hash {e = excess in 1/1000 requests, t = ms}
-- Returns {1, delay_ms} when admitted, {0, i, retry_ms} when limiter i refused.
local now = tonumber(ARGV[1])
local excess = {}
local delay = 0
for i = 1, #KEYS do
  local kind = ARGV[3 * i - 1]
  local amount = tonumber(ARGV[3 * i])
  local param = tonumber(ARGV[3 * i + 1])
  if kind == 'f' then
    local used = tonumber(redis.call('GET', KEYS[i]) or '0')
    if used + 1 > amount then
      return {0, i, redis.call('PTTL', KEYS[i])}
    end
  else
    local state = redis.call('HMGET', KEYS[i], 'e', 't')
    local e = tonumber(state[1] or '0')
    local t = tonumber(state[2] or ARGV[1])
    local elapsed = now - t
    if elapsed < 0 then elapsed = 0 end
    local x = e - amount * elapsed + 1000
    if x < 0 then x = 0 end
    if x > param * 1000 then
      return {0, i, math.ceil((x - param * 1000) / amount)}
    end
    excess[i] = x
    local d = math.floor(x / amount)
    if d > delay then delay = d end
  end
end
for i = 1, #KEYS do
  local param = tonumber(ARGV[3 * i + 1])
  if ARGV[3 * i - 1] == 'f' then
    if redis.call('INCR', KEYS[i]) == 1 then
      redis.call('PEXPIRE', KEYS[i], param)
    end
  else
    redis.call('HSET', KEYS[i], 'e', excess[i], 't', now)
    -- gone once drained (plus a second): an idle key costs nothing
    redis.call('PEXPIRE', KEYS[i], math.ceil(excess[i] / tonumber(ARGV[3 * i])) + 1000)
  end
end
return {1, delay}

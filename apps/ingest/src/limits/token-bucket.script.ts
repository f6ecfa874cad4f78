/**
 * One token bucket per source, in one round trip: refill by the time elapsed (Redis' own clock,
 * the same for every ingest instance), take `cost` tokens if there are enough, remember the state
 * until the bucket would be full again. Returns {allowed (0|1), milliseconds until enough tokens}.
 * KEYS[1] = the bucket; ARGV = rate per second, burst, cost.
 */
export const TOKEN_BUCKET_LUA = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((cost - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return { allowed, wait }
`;

/** The Redis key of a source's bucket, namespaced like every Redis key. */
export function rateBucketKey(namespace: string, sourceId: string): string {
  return `${namespace ? `${namespace}:` : ''}leadscore:rate:${sourceId}`;
}

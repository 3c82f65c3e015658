-- Counts one request in a fixed window; refuses once the window's limit is reached (the refused request not counted).
-- KEYS: 1 the window's counter
-- ARGV: 1 limit per window, 2 window seconds
-- Reply: {0} counted; {1, seconds} refused, with the time until the window ends.
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 1 then ttl = 1 end
  return {1, ttl}
end
redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {0}

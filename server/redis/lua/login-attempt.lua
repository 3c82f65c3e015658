-- Reserves one login attempt before the password is checked, so concurrent guesses cannot all pass the check.
-- KEYS: 1 attempts of the address, 2 attempts of the username
-- ARGV: 1 limit per address, 2 limit per username, 3 window seconds
-- Reply: {0} reserved (both counters incremented); {1, seconds} refused, with the time until the fuller one ends.
local a = tonumber(redis.call('GET', KEYS[1]) or '0')
local u = tonumber(redis.call('GET', KEYS[2]) or '0')
local full = nil
if a >= tonumber(ARGV[1]) then full = KEYS[1] elseif u >= tonumber(ARGV[2]) then full = KEYS[2] end
if full then
  local ttl = redis.call('TTL', full)
  if ttl < 1 then ttl = 1 end
  return {1, ttl}
end
for i = 1, 2 do
  redis.call('INCR', KEYS[i])
  if redis.call('TTL', KEYS[i]) < 0 then redis.call('EXPIRE', KEYS[i], ARGV[3]) end
end
return {0}

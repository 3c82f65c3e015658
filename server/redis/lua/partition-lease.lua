-- Takes or renews a partition's lease for one member, with a fencing token.
-- KEYS: 1 lease (`<member> <token>`, expiring), 2 fence (token counter); both under the partition's hash tag
-- ARGV: 1 member id, 2 lease time (ms), 3 the token the member holds, or '0' to take a free lease
-- Reply: the token (a number) while the member holds the lease; 0 when another member holds it, or when the member
-- asked to renew a token that is no longer the lease's (it lost it: it must drop the partition, never write again).
-- A lease that expired while nobody else took it (the fence counter is still at the member's token) is renewed with
-- the same token: no other owner can have written in between, so the member's state is still the partition's.
local current = redis.call('GET', KEYS[1])
if current then
  local space = string.find(current, ' ', 1, true)
  local owner = string.sub(current, 1, space - 1)
  local token = tonumber(string.sub(current, space + 1))
  if owner == ARGV[1] and (ARGV[3] == '0' or tonumber(ARGV[3]) == token) then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return token
  end
  return 0
end
if ARGV[3] ~= '0' then
  if tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[3]) then return 0 end
  redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. ARGV[3], 'PX', ARGV[2])
  return tonumber(ARGV[3])
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. token, 'PX', ARGV[2])
return token

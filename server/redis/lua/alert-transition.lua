-- A lead's (or the system's) transition, compare-and-set on the version, with its audit record.
-- KEYS: 1 alert hash, 2 unresolved id by key, 3 unresolved index (zset), 4 resolved index (zset), 5 audit stream,
--       6 this alert's audit index (list of audit entry ids)
-- ARGV: 1 expected version, 2 core (JSON, stored as is), 3 evidence (JSON) or '' to keep it, 4 id, 5 key,
--       6 new state, 7 firstSeen, 8 resolvedAt, 9 audit cap, 10… audit record fields (name, value pairs)
-- Reply: {1} written, {0, version} stale, {-2} no such alert.
local v = redis.call('HGET', KEYS[1], 'version')
if not v then return {-2} end
if v ~= ARGV[1] then return {0, v} end
redis.call('HSET', KEYS[1], 'core', ARGV[2], 'version', tostring(tonumber(v) + 1), 'state', ARGV[6])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'evidence', ARGV[3]) end
if ARGV[6] == 'resolved' then
  if redis.call('HGET', KEYS[2], ARGV[5]) == ARGV[4] then redis.call('HDEL', KEYS[2], ARGV[5]) end
  redis.call('ZREM', KEYS[3], ARGV[4])
  redis.call('ZADD', KEYS[4], ARGV[8], ARGV[4])
end
local entry = redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[9], '*', unpack(ARGV, 10))
redis.call('RPUSH', KEYS[6], entry)
return {1}

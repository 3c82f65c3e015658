-- Hands the shift over: keeps the shift's record for the next shifts and starts a new, empty summary (the version
-- goes on counting), compare-and-set on the draft's version, with its audit record.
-- KEYS: 1 the handover draft (hash), 2 the shifts handed over (list, newest first), 3 audit stream
-- ARGV: 1 expected version, 2 the shift's record (JSON, stored as is), 3 shifts kept, 4 audit cap,
--       5… audit record fields (name, value pairs)
-- Reply: {1, new version} done, {0, current version} stale.
local v = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if v ~= tonumber(ARGV[1]) then return {0, v} end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'summary', '', 'onWall', '0', 'version', tostring(v + 1))
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', unpack(ARGV, 5))
return {1, v + 1}

-- Saves this shift's handover summary, compare-and-set on the draft's version, with its audit record.
-- KEYS: 1 the handover draft (hash), 2 audit stream
-- ARGV: 1 expected version, 2 summary text (stored as is), 3 on the wall ('1' or '0'), 4 time (ms), 5 author,
--       6 audit cap, 7… audit record fields (name, value pairs)
-- Reply: {1, new version} written, {0, current version} stale.
local v = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if v ~= tonumber(ARGV[1]) then return {0, v} end
redis.call('HSET', KEYS[1], 'summary', ARGV[2], 'onWall', ARGV[3], 'version', tostring(v + 1),
  'updatedAt', ARGV[4], 'updatedBy', ARGV[5])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*', unpack(ARGV, 7))
return {1, v + 1}

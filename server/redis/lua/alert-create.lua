-- Raises an alert unless an unresolved one exists for its key.
-- KEYS: 1 sequence, 2 unresolved id by key, 3 last id by key, 4 unresolved index (zset), 5 audit stream,
--       6 alert hash prefix, 7 alert audit index prefix (the new id is appended to both prefixes)
-- ARGV: 1 key, 2 firstSeen, 3 core (JSON, stored as is), 4 evidence (JSON, stored as is), 5 audit cap,
--       6… audit record fields (name, value pairs)
-- Reply: {1, id} when raised, {0, existing id} when an unresolved alert already holds the key.
-- Producer text is only ever stored: the id and the previous id are hash fields of their own, never spliced into
-- the JSON.
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if existing then return {0, existing} end
local id = 'A' .. redis.call('INCR', KEYS[1])
local previous = redis.call('HGET', KEYS[3], ARGV[1]) or ''
redis.call('HSET', KEYS[6] .. id, 'core', ARGV[3], 'evidence', ARGV[4], 'version', '1', 'state', 'open',
  'previous', previous)
redis.call('HSET', KEYS[2], ARGV[1], id)
redis.call('HSET', KEYS[3], ARGV[1], id)
redis.call('ZADD', KEYS[4], ARGV[2], id)
local entry = redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[5], '*', 'alertId', id, unpack(ARGV, 6))
redis.call('RPUSH', KEYS[7] .. id, entry)
return {1, id}

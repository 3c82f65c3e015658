-- Appends an audit record about one alert and indexes it under that alert, so its history costs its own records.
-- KEYS: 1 audit stream, 2 the alert's audit index (list of audit entry ids)
-- ARGV: 1 audit cap, 2… audit record fields (name, value pairs)
-- Reply: the audit entry id.
local entry = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, 2))
redis.call('RPUSH', KEYS[2], entry)
return entry

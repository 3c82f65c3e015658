-- The alert engine's evidence update; the lifecycle and version are left alone, a resolved alert is left as it was.
-- KEYS: 1 alert hash
-- ARGV: 1 evidence (JSON, stored as is)
-- Reply: 1 written, 0 missing or resolved.
local s = redis.call('HGET', KEYS[1], 'state')
if not s or s == 'resolved' then return 0 end
redis.call('HSET', KEYS[1], 'evidence', ARGV[1])
return 1

-- The alert engine's evidence update; the lifecycle and version are left alone, a resolved alert is left as it was.
-- KEYS: 1 alert hash
-- ARGV: 1 evidence (JSON, stored as is), 2 the alert key the engine's episode is about
-- Reply: 1 written; 0 resolved (left as it was); -1 gone: no such alert, or the id now names another key's alert
-- (Redis lost its data and numbered a new alert with an id the engine still held: its episode must not write there).
local core = redis.call('HGET', KEYS[1], 'core')
if not core then return -1 end
local ok, decoded = pcall(cjson.decode, core)
if not ok or type(decoded) ~= 'table' or decoded['key'] ~= ARGV[2] then return -1 end
local s = redis.call('HGET', KEYS[1], 'state')
if s == 'resolved' then return 0 end
redis.call('HSET', KEYS[1], 'evidence', ARGV[1])
return 1

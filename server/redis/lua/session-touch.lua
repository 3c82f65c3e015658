-- Reads a live session and refreshes its idle timer and last-seen time; an unknown or expired one stays absent.
-- KEYS: 1 the session's hash
-- ARGV: 1 idle lifetime ms, 2 now (epoch ms)
-- Reply: the session's fields as HGETALL gives them; empty when there is no such session.
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[2])
return redis.call('HGETALL', KEYS[1])

-- Uses a TOTP time step once: accepted only when it is later than the last one used, so a code cannot be replayed.
-- KEYS: 1 the user's second-factor hash
-- ARGV: 1 the time step of the code just verified
-- Reply: 1 accepted (recorded as the last one used); 0 that step or a later one was used already.
local last = tonumber(redis.call('HGET', KEYS[1], 'lastStep') or '-1')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('HSET', KEYS[1], 'lastStep', ARGV[1])
return 1

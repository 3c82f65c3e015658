-- A fenced write of a partition owner: stores the value only while the lease is this member's with this token, so
-- a paused owner that wakes up after its successor took over changes nothing.
-- KEYS: 1 lease, 2 the key written (the partition's snapshot or tick part; same hash tag)
-- ARGV: 1 `<member> <token>`, 2 the value (stored as is), 3 expiry in ms (0: none)
-- Reply: 1 written, 0 refused (the lease is not this member's with this token)
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[2], ARGV[2])
end
return 1

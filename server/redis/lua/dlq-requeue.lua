-- Puts one dead-lettered entry back on its source, re-adding before deleting: a failing write (a key of the wrong
-- type) aborts the script with the dead letter still there.
-- KEYS: 1 dead-letter stream, 2 the source (a stream or a list)
-- ARGV: 1 dead letter's entry id, 2 'stream' or 'list', 3… for a list the raw element, for a stream its field/value pairs
-- Reply: 1 re-queued, 0 no such dead letter (already re-queued or trimmed).
if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then return 0 end
if ARGV[2] == 'list' then redis.call('LPUSH', KEYS[2], ARGV[3])
else redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3)) end
redis.call('XDEL', KEYS[1], ARGV[1])
return 1

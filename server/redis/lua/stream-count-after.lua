#!lua flags=no-writes
-- Counts the entries of a stream after an id and up to a last id, at most `cap` (pages of 1,000 inside Redis; only
-- the number comes back). Read-only (flags=no-writes), so it runs while Redis refuses writes at maxmemory.
-- KEYS: 1 the stream
-- ARGV: 1 an entry id (exclusive start), 2 the last id counted (inclusive; `+` for the end), 3 cap
-- Reply: the number of entries between the ids, at most cap.
local n, cursor, cap = 0, ARGV[1], tonumber(ARGV[3])
while n < cap do
  local page = redis.call('XRANGE', KEYS[1], '(' .. cursor, ARGV[2], 'COUNT', math.min(1000, cap - n))
  if #page == 0 then break end
  n = n + #page
  cursor = page[#page][1]
end
return n

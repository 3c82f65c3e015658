-- Takes up to `count` elements from a producer's list into this consumer's processing list, atomically (an element
-- is in exactly one of the two lists at any moment), oldest first, after a batch number that names the elements
-- for event-id deduplication (the same again after a crash).
-- KEYS: 1 the producer's list (LPUSH at the head, so its tail is the oldest end), 2 processing list, 3 batch counter
--       (on a Redis Cluster 2 and 3 carry 1's slot as their hash tag, `keys.ts`, so the script touches one slot)
-- ARGV: 1 count
-- Reply: {} when the list is empty, else {batch number, element…}.
local n = tonumber(ARGV[1])
local items = redis.call('LRANGE', KEYS[1], -n, -1)
if #items == 0 then return {} end
redis.call('LTRIM', KEYS[1], 0, -#items - 1)
local batch = tostring(redis.call('INCR', KEYS[3]))
local ordered = { batch }
for i = #items, 1, -1 do ordered[#ordered + 1] = items[i] end
redis.call('RPUSH', KEYS[2], unpack(ordered))
return ordered

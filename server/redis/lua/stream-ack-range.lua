-- Acknowledges a consumer's fresh read by its range: the entries of the group pending for the consumer from the first
-- id to the last (a read of new entries, `>`, got every entry between them, and nobody else ever had one of them), so
-- the batch's ids need not be sent one by one (1,000 ids are some 25 kB a batch). XACK in pages of 1,000 (Lua's
-- unpack has a stack limit).
-- KEYS: 1 the stream
-- ARGV: 1 group, 2 consumer, 3 first id, 4 last id, 5 how many entries the read got
-- Reply: the number of entries acknowledged.
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[2])
local ids = {}
for i, entry in ipairs(pending) do
  ids[i] = entry[1]
end
local acked = 0
for i = 1, #ids, 1000 do
  acked = acked + redis.call('XACK', KEYS[1], ARGV[1], unpack(ids, i, math.min(i + 999, #ids)))
end
return acked

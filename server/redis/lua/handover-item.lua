-- Adds, changes or closes one watch-for item of the handover, with its audit record.
-- KEYS: 1 the open watch-for items (hash id -> JSON), 2 audit stream
-- ARGV: 1 mode ('add', 'update' or 'close'), 2 item id, 3 item JSON (stored as is; '' to close), 4 most open items,
--       5 audit cap, 6… audit record fields (name, value pairs)
-- Reply: 1 done, 0 no such item (update, close), -1 too many open items (add).
local exists = redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1
if ARGV[1] == 'add' then
  if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return -1 end
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
elseif not exists then
  return 0
elseif ARGV[1] == 'update' then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
else
  redis.call('HDEL', KEYS[1], ARGV[2])
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', unpack(ARGV, 6))
return 1

-- Gives a partition's lease up, only when this member still holds it with this token.
-- KEYS: 1 lease
-- ARGV: 1 `<member> <token>`
-- Reply: 1 released, 0 not held
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0

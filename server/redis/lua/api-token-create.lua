-- Creates an API token whole (record, hash index, name index) or not at all, never over a live token's name.
-- KEYS: 1 tokens (id -> JSON), 2 by hash (sha256 -> id), 3 by name (name -> id)
-- ARGV: 1 id, 2 name, 3 sha256 of the token, 4 record JSON (stored as given)
-- Reply: 1 created; 0 the name is taken.
if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
return 1

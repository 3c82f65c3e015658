-- Creates an account whole (hash and index) or not at all, never over an existing name.
-- KEYS: 1 user hash, 2 set of usernames
-- ARGV: 1 username, 2 role, 3 password hash, 4 createdAt
-- Reply: 1 created, 0 the name exists.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'username', ARGV[1], 'role', ARGV[2], 'hash', ARGV[3], 'disabled', '0',
  'createdAt', ARGV[4])
redis.call('SADD', KEYS[2], ARGV[1])
return 1

-- A correct password: the username's attempts are forgotten and the address's reserved attempt given back.
-- KEYS: 1 attempts of the address, 2 attempts of the username
-- ARGV: none
-- Reply: 1.
redis.call('DEL', KEYS[2])
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 1

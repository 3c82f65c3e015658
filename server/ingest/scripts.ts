/**
 * @module The ingest's Lua scripts, each defined once per connection with `defineCommand` (sent as EVALSHA).
 * KEYS and ARGV are documented at each script; arguments are plain values, no text is patched into Lua.
 */
import type { Redis } from '../redis/connections.js';

/**
 * KEYS: list, processing list, batch counter. ARGV: count. Moves up to `count` elements from the list's tail (the
 * oldest end for LPUSH producers) into the processing list, oldest first, after a batch number (which names the
 * elements for event-id deduplication, the same again after a crash). Replies the batch number and the elements,
 * or an empty array. Atomic: an element is in exactly one of the two lists at any moment.
 */
const TAKE_LIST_BATCH = `
local n = tonumber(ARGV[1])
local items = redis.call('LRANGE', KEYS[1], -n, -1)
if #items == 0 then return {} end
redis.call('LTRIM', KEYS[1], 0, -#items - 1)
local batch = tostring(redis.call('INCR', KEYS[3]))
local ordered = { batch }
for i = #items, 1, -1 do ordered[#ordered + 1] = items[i] end
redis.call('RPUSH', KEYS[2], unpack(ordered))
return ordered`;

/**
 * KEYS: stream. ARGV: an entry id (exclusive start), the last id to count (inclusive), cap. Replies how many entries
 * lie between them, counting at most `cap` (pages of 1,000 inside Redis, nothing sent back but the number).
 * Read-only, so it runs under maxmemory too.
 */
const COUNT_AFTER = `#!lua flags=no-writes
local n, cursor, cap = 0, ARGV[1], tonumber(ARGV[3])
while n < cap do
  local page = redis.call('XRANGE', KEYS[1], '(' .. cursor, ARGV[2], 'COUNT', math.min(1000, cap - n))
  if #page == 0 then break end
  n = n + #page
  cursor = page[#page][1]
end
return n`;

export interface IngestScripts {
  wfTakeListBatch(list: string, processing: string, seq: string, count: number): Promise<string[]>;
  wfCountAfter(stream: string, afterId: string, lastId: string, cap: number): Promise<number>;
}

/** The connection with the ingest's scripts defined on it (once per connection). */
export function ingestScripts(redis: Redis): IngestScripts {
  const r = redis as Redis & Partial<IngestScripts>;
  if (!r.wfTakeListBatch) redis.defineCommand('wfTakeListBatch', { numberOfKeys: 3, lua: TAKE_LIST_BATCH });
  if (!r.wfCountAfter) redis.defineCommand('wfCountAfter', { numberOfKeys: 1, lua: COUNT_AFTER });
  return r as Redis & IngestScripts;
}

/**
 * @module One batch of raw entries, whatever their source: decode, drop repeated event ids, and the Redis
 * operations that record the outcome (counters, dead letters) inside the caller's MULTI with its acknowledgement.
 */
import type { ChainableCommander } from 'ioredis';
import type { TextRef } from '../../shared/locale.js';
import type { NormalizedEvent, RejectReason } from '../../shared/schemas/telemetry.js';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import { type DeadLetter, deadLetterFields, rawText } from './dead-letter.js';
import { type DecodeContext, type Decoded, type Decoder, reject } from './decoders/types.js';

export interface AcceptedEvent {
  event: NormalizedEvent;
  /** `event_id` when the producer gave one, else `<source>/<entry id>`. */
  ref: string;
  /** The input entry's id (a stream entry id, a list element's label). */
  entry?: string;
}

export interface BatchOutcome {
  accepted: number;
  other: number;
  duplicates: number;
  rejected: Partial<Record<RejectReason, number>>;
}

/**
 * One raw entry: stream entry id (or a list element's label) and its field/value array, null when the entry was
 * deleted or trimmed while pending (nothing to apply). A tuple, as Redis returns it, to allocate nothing more.
 */
export type RawItem = [id: string, fields: string[] | null];

/** Entries refused before decoding (too many deliveries), by id. */
export type Refusals = ReadonlyMap<string, { reason: RejectReason; detail: string; text: TextRef }>;

export interface BatchSource {
  key: string;
  decode: Decoder;
  ctxField: string;
}

export interface PreparedBatch {
  accepted: AcceptedEvent[];
  dead: DeadLetter[];
  outcome: BatchOutcome;
}

export const emptyOutcome = (): BatchOutcome => ({ accepted: 0, other: 0, duplicates: 0, rejected: {} });

/**
 * Decodes every item and removes repeated event ids. The first entry to carry an id owns it (SET NX GET with the
 * entry id as value), so the same entry seen again after a crash still applies, and a copy does not.
 */
export async function prepareBatch(
  items: readonly RawItem[],
  source: BatchSource,
  ctx: DecodeContext,
  dedup: { redis: Redis; keys: Keys; ttlS: number },
  refusals?: Refusals,
): Promise<PreparedBatch> {
  const accepted: AcceptedEvent[] = [];
  const withIds: { ev: AcceptedEvent; entryId: string }[] = [];
  const dead: DeadLetter[] = [];
  const outcome = emptyOutcome();
  for (const [id, fields] of items) {
    if (!fields) continue;
    const refuse = refusals?.get(id);
    if (refuse) {
      dead.push({ source: source.key, id, ...refuse, raw: rawText(fields, source.ctxField) });
      continue;
    }
    const d = safeDecode(source.decode, fields, ctx);
    if (d.ok === true) {
      const ev: AcceptedEvent = { event: d.event, ref: d.event.event_id ?? `${source.key}/${id}`, entry: id };
      if (d.event.event_id) withIds.push({ ev, entryId: id });
      else accepted.push(ev);
    } else if (d.ok === 'other') {
      outcome.other++;
    } else {
      dead.push({
        source: source.key,
        id,
        reason: d.reason,
        detail: d.detail,
        text: d.text,
        raw: rawText(fields, source.ctxField),
      });
    }
  }
  if (withIds.length > 0) {
    const p = dedup.redis.pipeline();
    for (const { ev, entryId } of withIds) {
      p.call('SET', dedup.keys.dedup(source.key, ev.event.event_id!), entryId, 'NX', 'GET', 'EX', dedup.ttlS);
    }
    const results = (await p.exec()) ?? [];
    withIds.forEach(({ ev, entryId }, i) => {
      const [err, prior] = results[i] ?? [null, null];
      if (err) throw err;
      if (prior === null || prior === entryId) accepted.push(ev);
      else outcome.duplicates++;
    });
  }
  accepted.sort((a, b) => a.event.ts - b.event.ts);
  outcome.accepted = accepted.length;
  for (const d of dead) outcome.rejected[d.reason] = (outcome.rejected[d.reason] ?? 0) + 1;
  return { accepted, dead, outcome };
}

/** Adds the outcome's counters and dead letters to a MULTI (the caller adds its acknowledgement). */
export function recordOutcome(
  m: ChainableCommander,
  keys: Keys,
  outcome: BatchOutcome,
  dead: readonly DeadLetter[],
): void {
  if (outcome.accepted) m.hincrby(keys.counters, 'ingested', outcome.accepted);
  if (outcome.other) m.hincrby(keys.counters, 'other', outcome.other);
  if (outcome.duplicates) m.hincrby(keys.counters, 'duplicates', outcome.duplicates);
  if (dead.length) m.hincrby(keys.counters, 'rejected', dead.length);
  for (const [reason, n] of Object.entries(outcome.rejected))
    m.hincrby(keys.counters, `rejected:${reason}`, n);
  for (const d of dead) m.xadd(keys.dlq, 'MAXLEN', '~', STREAM_CAPS.dlq, '*', ...deadLetterFields(d));
}

/** Runs a MULTI and throws when it or any command in it failed. */
export async function execAll(m: ChainableCommander): Promise<void> {
  const res = await m.exec();
  const failed = res?.find(([err]) => err);
  if (!res || failed) throw failed?.[0] ?? new Error('MULTI aborted');
}

export function addInto(total: BatchOutcome, o: BatchOutcome): void {
  total.accepted += o.accepted;
  total.other += o.other;
  total.duplicates += o.duplicates;
  for (const [r, n] of Object.entries(o.rejected) as [RejectReason, number][])
    total.rejected[r] = (total.rejected[r] ?? 0) + n;
}

function safeDecode(decode: Decoder, fields: string[], ctx: DecodeContext): Decoded {
  try {
    return decode(fields, ctx);
  } catch (err) {
    // Decoders are total; this only guards the consumer against a decoder bug.
    return reject('bad_value', `decoder failed: ${(err as Error).message}`, 'decoder_failed');
  }
}

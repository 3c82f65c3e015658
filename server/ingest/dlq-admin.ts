/**
 * @module Dead-letter administration: list `<prefix>dlq` newest first with a reason filter and paging, and
 * re-queue entries to their source after a fix (atomically: the entry is re-added and removed from the DLQ in one
 * script, so a re-queue happens once even when two admins ask at the same time).
 */
import type { z } from 'zod';
import { textParamsSchema } from '../../shared/locale.js';
import {
  type DlqItem,
  type DlqListQuery,
  type DlqPage,
  dlqListQuerySchema as dlqListQuery,
  type RequeueResult,
  type RequeueSelection,
  requeueBodySchema as requeueBody,
} from '../../shared/schemas/admin.js';
import { fieldOf, type InputSource } from '../config.js';
import { isCluster, type Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { queueScript, scriptPipeline } from '../redis/scripts.js';
import { RAW_LIMIT } from './dead-letter.js';

export type { DlqItem, DlqListQuery, DlqPage, RequeueResult, RequeueSelection };
/** The wire shapes live in `shared/schemas/admin.ts`; re-exported for the CLI. */
export { dlqListQuery, requeueBody };

export interface DlqAdminDeps {
  redis: Redis;
  keys: Keys;
  /** Input streams (WF_STREAMS): where entries go back to, and under which field. */
  sources: readonly InputSource[];
  /** Input lists (WF_LISTS): elements go back with LPUSH. @default none */
  lists?: readonly InputSource[];
}

/** Entries scanned per request when filtering by reason; the cursor lets the caller go on. */
const MAX_SCAN = 10_000;
const PAGE = 500;
const MAX_FAILED = 1000;

type RawEntry = [id: string, fields: string[]];

export class DlqAdmin {
  constructor(private readonly d: DlqAdminDeps) {}

  /** Newest first; with a reason, scans at most 10,000 entries per call (then fewer items, and a cursor). */
  async list(query: z.output<typeof dlqListQuery>): Promise<DlqPage> {
    const key = this.d.keys.dlq;
    const items: DlqItem[] = [];
    let cursor = query.cursor;
    let exhausted = false;
    for (let scanned = 0; items.length < query.limit && scanned < MAX_SCAN && !exhausted; ) {
      const want = query.reason ? PAGE : query.limit - items.length;
      const page = (await this.d.redis.xrevrange(
        key,
        cursor ? `(${cursor}` : '+',
        '-',
        'COUNT',
        want,
      )) as RawEntry[];
      for (const entry of page) {
        scanned++;
        cursor = entry[0];
        const item = toItem(entry);
        if (!query.reason || item.reason === query.reason) items.push(item);
        if (items.length === query.limit) break;
      }
      // A short page read to its end is the oldest entry.
      exhausted = page.length < want && cursor === (page.at(-1)?.[0] ?? cursor);
    }
    // a page that ended exactly at the oldest entry: no cursor to an empty next page
    if (!exhausted && cursor)
      exhausted =
        ((await this.d.redis.xrevrange(key, `(${cursor}`, '-', 'COUNT', 1)) as RawEntry[]).length === 0;
    const total = await this.d.redis.xlen(key);
    return { items, nextCursor: exhausted ? null : (cursor ?? null), total };
  }

  /** Re-queues the selected entries to their sources; the DLQ entry is removed only when re-added. */
  async requeue(sel: RequeueSelection): Promise<RequeueResult> {
    const result: RequeueResult = { requeued: 0, failed: [] };
    if (sel.ids) {
      const p = this.d.redis.pipeline();
      for (const id of sel.ids) p.xrange(this.d.keys.dlq, id, id);
      const found = (await p.exec()) ?? [];
      const entries: RawEntry[] = [];
      sel.ids.forEach((id, i) => {
        const [err, rows] = found[i] ?? [null, []];
        const entry = (rows as RawEntry[] | null)?.[0];
        if (err || !entry) fail(result, id, 'not found');
        else entries.push(entry);
      });
      await this.requeueEntries(entries, result);
      return result;
    }
    // Everything up to the newest entry now: entries that fail again come back behind it and are not retried.
    const newest = (await this.d.redis.xrevrange(this.d.keys.dlq, '+', '-', 'COUNT', 1)) as RawEntry[];
    const last = newest[0]?.[0];
    let start = '-';
    while (last) {
      const page = (await this.d.redis.xrange(this.d.keys.dlq, start, last, 'COUNT', PAGE)) as RawEntry[];
      if (page.length === 0) break;
      start = `(${page.at(-1)![0]}`;
      const chosen = sel.reason ? page.filter((e) => toItem(e).reason === sel.reason) : page;
      await this.requeueEntries(chosen, result);
      if (page.length < PAGE) break;
    }
    return result;
  }

  private async requeueEntries(entries: RawEntry[], result: RequeueResult): Promise<void> {
    if (entries.length === 0) return;
    if (isCluster(this.d.redis)) return this.requeueInSteps(entries, result);
    const p = scriptPipeline(this.d.redis, 'dlqRequeue');
    const sent: string[] = [];
    for (const entry of entries) {
      const item = toItem(entry);
      const target = this.target(item);
      if ('message' in target) {
        fail(result, item.id, target.message);
        continue;
      }
      queueScript(p, 'dlqRequeue', [this.d.keys.dlq, item.source], [item.id, target.kind, ...target.args]);
      sent.push(item.id);
    }
    if (sent.length === 0) return;
    const replies = (await p.exec()) ?? [];
    sent.forEach((id, i) => {
      const [err, done] = replies[i] ?? [new Error('no reply'), 0];
      if (err) fail(result, id, err.message.split('\n')[0]!.slice(0, 200));
      else if (Number(done) === 1) result.requeued++;
      else fail(result, id, 'not found (already re-queued or trimmed)');
    });
  }

  /**
   * On a Redis Cluster the source is in another slot than the dead letters, so no script holds both: each entry is
   * re-added, then its dead letter deleted (a failure in between leaves it in both; a second re-queue of it then adds
   * a copy, which its event id, if it has one, makes a duplicate).
   */
  private async requeueInSteps(entries: RawEntry[], result: RequeueResult): Promise<void> {
    for (const entry of entries) {
      const item = toItem(entry);
      const target = this.target(item);
      if ('message' in target) {
        fail(result, item.id, target.message);
        continue;
      }
      try {
        if ((await this.d.redis.xrange(this.d.keys.dlq, item.id, item.id)).length === 0) {
          fail(result, item.id, 'not found (already re-queued or trimmed)');
          continue;
        }
        if (target.kind === 'list') await this.d.redis.lpush(item.source, ...target.args);
        else await this.d.redis.xadd(item.source, '*', ...target.args);
        await this.d.redis.xdel(this.d.keys.dlq, item.id);
        result.requeued++;
      } catch (err) {
        fail(result, item.id, (err as Error).message.split('\n')[0]!.slice(0, 200));
      }
    }
  }

  /** Where and how an entry goes back: the raw record under its source's field, or the flat pairs it was. */
  private target(item: DlqItem): { kind: 'stream' | 'list'; args: string[] } | { message: string } {
    if (item.raw === '') return { message: 'no raw entry was kept (deleted before it was read)' };
    if (item.raw.length >= RAW_LIMIT)
      return {
        message: `raw entry was truncated to ${RAW_LIMIT} bytes when dead-lettered; re-send it from the producer`,
      };
    const list = this.d.lists?.find((s) => s.key === item.source);
    if (list) return { kind: 'list', args: [item.raw] };
    const stream = this.d.sources.find((s) => s.key === item.source);
    if (!stream) return { message: `source ${item.source} is not a configured input (WF_STREAMS, WF_LISTS)` };
    const field = fieldOf(stream);
    return { kind: 'stream', args: flatPairs(item.raw, item.reason) ?? [field || 'event', item.raw] };
  }
}

/**
 * The field/value pairs of an entry that `rawText` kept as JSON pairs (every entry but one holding just the record
 * field). A record that is itself a JSON array is rejected as `not_object`, so those raws are always records.
 */
function flatPairs(raw: string, reason: string): string[] | null {
  if (reason === 'not_object' || !raw.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length === 0 || value.length % 2 !== 0) return null;
  return value.every((v): v is string => typeof v === 'string') ? value : null;
}

function toItem([id, fields]: RawEntry): DlqItem {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  return {
    id,
    source: f.source ?? '',
    entryId: f.id ?? '',
    reason: f.reason ?? '',
    detail: f.detail ?? '',
    ...detailText(f),
    raw: f.raw ?? '',
    at: Number(id.split('-')[0]),
  };
}

/** The detail's catalogue key and parameters, where the entry has them (entries written before them have not). */
function detailText(f: Record<string, string>): Pick<DlqItem, 'key' | 'params'> {
  if (!f.key) return {};
  let params: unknown;
  try {
    params = f.params ? JSON.parse(f.params) : undefined;
  } catch {
    params = undefined;
  }
  const parsed = textParamsSchema.safeParse(params);
  return parsed.success ? { key: f.key, params: parsed.data } : { key: f.key };
}

function fail(result: RequeueResult, id: string, message: string): void {
  if (result.failed.length < MAX_FAILED) result.failed.push({ id, message });
}

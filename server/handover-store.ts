/**
 * @module The written handover in Redis: this shift's summary (compare-and-set on its version), the open "watch
 * for" items (carried from shift to shift until closed), and the shifts handed over. Every write and its audit
 * record are one script; what the wall shows is derived here.
 */

import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../shared/schemas/audit.js';
import {
  HANDOVER_LIMITS,
  type HandedOver,
  type HandoverAnswer,
  type HandoverDraft,
  handedOverSchema,
  type WallHandover,
  type WatchItem,
  watchItemSchema,
} from '../shared/schemas/handover.js';
import { auditFields, type NewAuditRecord } from './alerts/audit.js';
import type { Actor } from './alerts/state-machine.js';
import { badRequest, conflict, notFound } from './errors.js';
import type { Redis } from './redis/connections.js';
import { type Keys, STREAM_CAPS } from './redis/keys.js';
import { runScript } from './redis/scripts.js';

/** Shifts handed over that are kept (three a day: about a year). */
const SHIFTS_KEPT = 1000;
/** A handed-over summary chosen for the wall stays there this long, unless this shift's own replaces it. */
export const WALL_SUMMARY_MS = 24 * 3_600_000;

const parseItem = (raw: string): WatchItem | null => {
  try {
    const p = watchItemSchema.safeParse(JSON.parse(raw));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
};

/** What the wall shows: this shift's summary if chosen, else the last handed-over one if chosen (for a day). */
export function wallHandover(
  draft: HandoverDraft,
  items: readonly WatchItem[],
  previous: HandedOver | null,
  now: number,
): WallHandover {
  const summary =
    draft.onWall && draft.summary
      ? { text: draft.summary, author: draft.updatedBy, at: draft.updatedAt }
      : previous?.onWall && previous.summary && now - previous.handedOverAt < WALL_SUMMARY_MS
        ? { text: previous.summary, author: previous.writtenBy, at: previous.writtenAt }
        : null;
  return {
    summary,
    items: items.filter((i) => i.onWall).map(({ id, text, author, at }) => ({ id, text, author, at })),
  };
}

export class HandoverStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async read(): Promise<HandoverAnswer> {
    const [draft, items, previous] = await Promise.all([this.draft(), this.items(), this.previous()]);
    return { draft, items, previous };
  }

  /** What the wall shows now. */
  async wall(now = Date.now()): Promise<WallHandover> {
    const { draft, items, previous } = await this.read();
    return wallHandover(draft, items, previous, now);
  }

  async draft(): Promise<HandoverDraft> {
    const h = await this.redis.hgetall(this.keys.handoverDraft);
    return {
      summary: h.summary ?? '',
      onWall: h.onWall === '1',
      version: Number(h.version ?? 0),
      updatedAt: h.updatedAt ? Number(h.updatedAt) : null,
      updatedBy: h.updatedBy || null,
    };
  }

  /** Open watch-for items, oldest first. */
  async items(): Promise<WatchItem[]> {
    const all = await this.redis.hvals(this.keys.handoverItems);
    return all
      .map(parseItem)
      .filter((i): i is WatchItem => i !== null)
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /** The shifts handed over, newest first. */
  async shifts(limit = 10): Promise<HandedOver[]> {
    const raw = await this.redis.lrange(this.keys.handoverShifts, 0, limit - 1);
    return raw.flatMap((r) => {
      try {
        const p = handedOverSchema.safeParse(JSON.parse(r));
        return p.success ? [p.data] : [];
      } catch {
        return [];
      }
    });
  }

  async previous(): Promise<HandedOver | null> {
    return (await this.shifts(1))[0] ?? null;
  }

  /** Saves the summary the lead wrote over `version` (trimmed by the contract's schema); 409 when stale. */
  async saveSummary(
    body: { summary: string; onWall: boolean; version: number },
    actor: Actor,
    now = Date.now(),
  ): Promise<HandoverDraft> {
    const audit = this.audit(actor, now, 'handover.summary', {
      note: body.summary,
      detail: JSON.stringify({ onWall: body.onWall }),
    });
    const [written, version] = (await runScript(
      this.redis,
      'handoverSummary',
      [this.keys.handoverDraft, this.keys.audit],
      [body.version, body.summary, body.onWall ? '1' : '0', now, actor.name, STREAM_CAPS.audit, ...audit],
    )) as [number, number];
    if (!written) throw this.stale(body.version, version);
    return { summary: body.summary, onWall: body.onWall, version, updatedAt: now, updatedBy: actor.name };
  }

  async addItem(body: { text: string; onWall: boolean }, actor: Actor, now = Date.now()): Promise<WatchItem> {
    const item: WatchItem = {
      id: `W${randomUUID().slice(0, 8)}`,
      text: body.text,
      onWall: body.onWall,
      author: actor.name,
      at: now,
    };
    await this.itemScript('add', item, actor, now, 'handover.item.add');
    return item;
  }

  /** Shows an open item on the wall or takes it off. */
  async setOnWall(id: string, onWall: boolean, actor: Actor, now = Date.now()): Promise<WatchItem> {
    const raw = await this.redis.hget(this.keys.handoverItems, id);
    const item = raw ? parseItem(raw) : null;
    if (!item) throw notFound(`no open watch-for item ${id}`, { key: 'handover.no_item', params: { id } });
    const next = { ...item, onWall };
    await this.itemScript('update', next, actor, now, 'handover.item.wall');
    return next;
  }

  /** Closes an open item: no longer to watch for. */
  async closeItem(id: string, actor: Actor, now = Date.now()): Promise<void> {
    const raw = await this.redis.hget(this.keys.handoverItems, id);
    const item = raw ? parseItem(raw) : null;
    if (!item) throw notFound(`no open watch-for item ${id}`, { key: 'handover.no_item', params: { id } });
    await this.itemScript('close', item, actor, now, 'handover.item.close');
  }

  /**
   * Hands the shift over as read at `version`: the summary and the items open now are kept as the shift's record
   * (the items stay open for the next shift); a new, empty summary starts.
   */
  async handOver(
    version: number,
    actor: Actor,
    now = Date.now(),
  ): Promise<{ previous: HandedOver; draft: HandoverDraft }> {
    const [draft, items] = await Promise.all([this.draft(), this.items()]);
    if (draft.version !== version) throw this.stale(version, draft.version);
    const record: HandedOver = {
      id: `S${randomUUID().slice(0, 8)}`,
      summary: draft.summary,
      onWall: draft.onWall,
      writtenBy: draft.updatedBy,
      writtenAt: draft.updatedAt,
      handedOverBy: actor.name,
      handedOverAt: now,
      items,
    };
    const audit = this.audit(actor, now, 'handover.hand-over', {
      ...(draft.summary ? { note: draft.summary } : {}),
      detail: JSON.stringify({ shift: record.id, items: items.map((i) => i.id) }),
    });
    const [done, current] = (await runScript(
      this.redis,
      'handOver',
      [this.keys.handoverDraft, this.keys.handoverShifts, this.keys.audit],
      [version, JSON.stringify(record), SHIFTS_KEPT, STREAM_CAPS.audit, ...audit],
    )) as [number, number];
    if (!done) throw this.stale(version, current);
    return {
      previous: record,
      draft: { summary: '', onWall: false, version: current, updatedAt: null, updatedBy: null },
    };
  }

  private async itemScript(
    mode: 'add' | 'update' | 'close',
    item: WatchItem,
    actor: Actor,
    now: number,
    action: AuditAction,
  ): Promise<void> {
    const audit = this.audit(actor, now, action, {
      note: item.text,
      detail: JSON.stringify({ item: item.id, onWall: item.onWall }),
    });
    const result = (await runScript(
      this.redis,
      'handoverItem',
      [this.keys.handoverItems, this.keys.audit],
      [
        mode,
        item.id,
        mode === 'close' ? '' : JSON.stringify(item),
        HANDOVER_LIMITS.openItems,
        STREAM_CAPS.audit,
        ...audit,
      ],
    )) as number;
    if (result === 0)
      throw notFound(`no open watch-for item ${item.id}`, {
        key: 'handover.no_item',
        params: { id: item.id },
      });
    if (result === -1)
      throw badRequest(`at most ${HANDOVER_LIMITS.openItems} watch-for items are open at once; close some`);
  }

  private audit(actor: Actor, at: number, action: AuditAction, extra: Partial<NewAuditRecord>): string[] {
    return auditFields({ at, actor: actor.name, role: actor.role, action, ...extra });
  }

  private stale(expected: number, current: number) {
    return conflict(
      `the handover was changed by another lead since you read it (version ${expected}, now ${current}); reload it`,
      { key: 'handover.changed' },
    );
  }
}

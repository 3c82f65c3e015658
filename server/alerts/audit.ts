/** @module The audit trail: an append-only Redis stream of every action (who, role, when, what, from → to, note). */
import { type AuditAction, type AuditRecord, auditRecordSchema } from '../../shared/schemas/audit.js';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';

export type { AuditRecord };
/** A record to write: its action one of the list every screen has words for. */
export type NewAuditRecord = Omit<AuditRecord, 'id' | 'action'> & { action: AuditAction };

/** XADD field list for a record (after `MAXLEN ~ cap *`); used by MULTI and Lua writers alike. */
export function auditFields(r: NewAuditRecord): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(r)) if (v !== undefined && v !== null) out.push(k, String(v));
  return out;
}

function fromFields(id: string, fields: string[]): AuditRecord | null {
  const o: Record<string, unknown> = { id };
  for (let i = 0; i + 1 < fields.length; i += 2) o[fields[i]!] = fields[i + 1];
  o.at = Number(o.at);
  const parsed = auditRecordSchema.safeParse(o);
  return parsed.success ? parsed.data : null;
}

export interface AuditQuery {
  alert?: string;
  actor?: string;
  from?: number;
  to?: number;
  limit?: number;
}

export class AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Appends a record; one about an alert is also indexed under it (in the same script). */
  async append(r: NewAuditRecord): Promise<void> {
    if (r.alertId) {
      await runScript(
        this.redis,
        'auditAppend',
        [this.keys.audit, this.keys.alertAudit(r.alertId)],
        [STREAM_CAPS.audit, ...auditFields(r)],
      );
    } else await this.redis.xadd(this.keys.audit, 'MAXLEN', '~', STREAM_CAPS.audit, '*', ...auditFields(r));
  }

  /**
   * One alert's records, oldest first, read through its index: the cost is the alert's own records, not the
   * trail's. Records the trail's cap has trimmed away are gone from the answer. An alert raised before the index
   * existed has none; its history is found by reading the trail.
   */
  async ofAlert(alertId: string): Promise<AuditRecord[]> {
    const ids = await this.redis.lrange(this.keys.alertAudit(alertId), 0, -1);
    if (ids.length === 0) return this.query({ alert: alertId });
    const p = this.redis.pipeline();
    for (const id of ids) p.xrange(this.keys.audit, id, id);
    const out: AuditRecord[] = [];
    for (const [err, page] of (await p.exec()) ?? []) {
      if (err) throw err;
      const [entry] = page as [string, string[]][];
      const r = entry ? fromFields(entry[0], entry[1]) : null;
      if (r) out.push(r);
    }
    return out;
  }

  /** Records matching the filters, oldest first, reading the time range of the stream in pages. */
  async query(q: AuditQuery): Promise<AuditRecord[]> {
    const limit = Math.min(q.limit ?? 10_000, 100_000);
    const out: AuditRecord[] = [];
    let start = q.from !== undefined ? String(q.from) : '-';
    const end = q.to !== undefined ? String(q.to) : '+';
    for (;;) {
      const page = await this.redis.xrange(this.keys.audit, start, end, 'COUNT', 1000);
      for (const [id, fields] of page) {
        const r = fromFields(id, fields);
        if (!r) continue;
        if (q.alert && r.alertId !== q.alert) continue;
        if (q.actor && r.actor !== q.actor) continue;
        out.push(r);
        if (out.length >= limit) return out;
      }
      if (page.length < 1000) return out;
      start = `(${page[page.length - 1]![0]}`;
    }
  }
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'role',
  'action',
  'alertId',
  'ruleId',
  'from',
  'to',
  'note',
  'detail',
] as const;

/** CSV with a header; fields quoted when needed; formula-leading cells are prefixed so spreadsheets do not run them. */
export function auditCsv(records: readonly AuditRecord[]): string {
  const cell = (v: unknown) => {
    let s = v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = records.map((r) =>
    CSV_COLUMNS.map((c) => (c === 'at' ? cell(new Date(r.at).toISOString()) : cell(r[c]))).join(','),
  );
  return `${CSV_COLUMNS.join(',')}\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

/** @module The audit trail: an append-only Redis stream of every action (who, role, when, what, from → to, note). */
import { type AuditRecord, auditRecordSchema } from '../../shared/schemas/audit.js';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';

export type { AuditRecord };
export type NewAuditRecord = Omit<AuditRecord, 'id'>;

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

  async append(r: NewAuditRecord): Promise<void> {
    await this.redis.xadd(this.keys.audit, 'MAXLEN', '~', STREAM_CAPS.audit, '*', ...auditFields(r));
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

/**
 * @module Alerts in Redis. Each alert is a hash: `core` (lifecycle, changed only by transitions, compare-and-set on
 * `version` with its audit record in the same Lua script; the reasons that raised it are kept there) and `evidence`
 * (score, count, reasons now and at the peak; updated by the
 * alert engine without touching the version, so a lead's view does not go stale each tick).
 */
import { type Alert, alertSchema } from '../../shared/schemas/alert.js';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';
import { auditFields, type NewAuditRecord } from './audit.js';

const EVIDENCE_FIELDS = [
  'severity',
  'score',
  'peakScore',
  'lastSeen',
  'count',
  'reasons',
  'peakReasons',
  'active',
] as const;
export type Evidence = Pick<Alert, (typeof EVIDENCE_FIELDS)[number]>;
type Core = Omit<Alert, (typeof EVIDENCE_FIELDS)[number]>;

export type CasResult = { ok: true } | { ok: false; reason: 'stale' | 'missing' };

export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Raises an alert for `key` unless an unresolved one exists; returns the id and whether it is new. */
  async create(
    init: Omit<Alert, 'id' | 'previousId' | 'version'>,
    audit: Omit<NewAuditRecord, 'alertId'>,
  ): Promise<{ id: string; created: boolean }> {
    // The script numbers the alert and stores its previous id in fields of their own; core is stored as it is.
    const { core, evidence } = split({ ...init, version: 1 } as Alert);
    delete (core as Partial<Core>).id;
    delete (core as Partial<Core>).previousId;
    const k = this.keys;
    const res = (await runScript(
      this.redis,
      'alertCreate',
      [
        k.alertSeq,
        k.alertByKey,
        k.alertLastByKey,
        k.alertsUnresolved,
        k.audit,
        k.alert(''),
        k.alertAudit(''),
      ],
      [
        init.key,
        init.firstSeen,
        JSON.stringify(core),
        JSON.stringify(evidence),
        STREAM_CAPS.audit,
        ...auditFields(audit as NewAuditRecord),
      ],
    )) as [number, string];
    return { id: res[1], created: res[0] === 1 };
  }

  /** Writes a transition if the stored version is still `expected`, with its audit record, in one script. */
  async transition(next: Alert, expected: number, audit: NewAuditRecord): Promise<CasResult> {
    const { core, evidence } = split(next);
    const k = this.keys;
    const res = (await runScript(
      this.redis,
      'alertTransition',
      [k.alert(next.id), k.alertByKey, k.alertsUnresolved, k.alertsResolved, k.audit, k.alertAudit(next.id)],
      [
        expected,
        JSON.stringify(core),
        JSON.stringify(evidence),
        next.id,
        next.key,
        next.state,
        next.firstSeen,
        next.resolvedAt ?? 0,
        STREAM_CAPS.audit,
        ...auditFields(audit),
      ],
    )) as [number];
    if (res[0] === 1) return { ok: true };
    return { ok: false, reason: res[0] === -2 ? 'missing' : 'stale' };
  }

  /**
   * Writes an episode's evidence into the alert `id` of alert key `key`: `written`; `resolved` (left as it was); or
   * `gone`, when there is no such alert or `id` now names another key's alert (Redis lost its data and numbered anew).
   */
  async updateEvidence(
    id: string,
    key: string,
    evidence: Evidence,
  ): Promise<'written' | 'resolved' | 'gone'> {
    const res = (await runScript(
      this.redis,
      'alertEvidence',
      [this.keys.alert(id)],
      [JSON.stringify(pickEvidence(evidence)), key],
    )) as number;
    return res === 1 ? 'written' : res === 0 ? 'resolved' : 'gone';
  }

  /** The newest alert raised for `key`, resolved or not; null when none was. */
  async lastOf(key: string): Promise<Alert | null> {
    const id = await this.redis.hget(this.keys.alertLastByKey, key);
    return id ? this.get(id) : null;
  }

  async get(id: string): Promise<Alert | null> {
    if (!/^A\d{1,12}$/.test(id)) return null;
    return join(id, await this.redis.hmget(this.keys.alert(id), ...STORED_FIELDS));
  }

  async getMany(ids: readonly string[]): Promise<Alert[]> {
    if (ids.length === 0) return [];
    const p = this.redis.pipeline();
    for (const id of ids) p.hmget(this.keys.alert(id), ...STORED_FIELDS);
    const res = (await p.exec()) ?? [];
    return res
      .map(([, v], i) => join(ids[i]!, (v ?? []) as (string | null)[]))
      .filter((a): a is Alert => a !== null);
  }

  async idForKey(key: string): Promise<string | null> {
    return this.redis.hget(this.keys.alertByKey, key);
  }

  async unresolved(): Promise<Alert[]> {
    return this.getMany(await this.redis.zrange(this.keys.alertsUnresolved, '0', '-1'));
  }

  /** Resolved alerts, newest first, resolved at or after `since`. */
  async resolved(since: number, limit = 500): Promise<Alert[]> {
    const ids = await this.redis.zrevrangebyscore(
      this.keys.alertsResolved,
      '+inf',
      String(since),
      'LIMIT',
      0,
      limit,
    );
    return this.getMany(ids);
  }
}

function split(a: Alert): { core: Core; evidence: Evidence } {
  const evidence = pickEvidence(a);
  const core = { ...a } as Partial<Alert>;
  for (const f of EVIDENCE_FIELDS) delete core[f];
  return { core: core as Core, evidence };
}

function pickEvidence(a: Evidence): Evidence {
  return {
    severity: a.severity,
    score: a.score,
    peakScore: a.peakScore,
    lastSeen: a.lastSeen,
    count: a.count,
    reasons: a.reasons,
    peakReasons: a.peakReasons,
    active: a.active,
  };
}

const STORED_FIELDS = ['core', 'evidence', 'version', 'previous'] as const;

/**
 * An alert from its stored fields. The id is the one it is stored under; the previous id is its own field
 * (alerts stored before that field carry it in `core`).
 */
function join(id: string, [core, evidence, version, previous]: readonly (string | null)[]): Alert | null {
  if (!core || !evidence || !version) return null;
  const lifecycle = parseJson(core);
  const parsed = alertSchema.safeParse({
    ...lifecycle,
    ...parseJson(evidence),
    id,
    previousId:
      previous === null || previous === undefined ? (lifecycle.previousId ?? null) : previous || null,
    version: Number(version),
  });
  return parsed.success ? parsed.data : null;
}

/** Stored JSON as an object; anything else (a damaged record) as nothing, so the alert fails its schema. */
function parseJson(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * @module Alerts in Redis. Each alert is a hash: `core` (lifecycle, changed only by transitions, compare-and-set on
 * `version` with its audit record in the same Lua script) and `evidence` (score, count, reasons; updated by the
 * alert engine without touching the version, so a lead's view does not go stale each tick).
 */
import { type Alert, alertSchema } from '../../shared/schemas/alert.js';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import { auditFields, type NewAuditRecord } from './audit.js';

const EVIDENCE_FIELDS = ['severity', 'score', 'peakScore', 'lastSeen', 'count', 'reasons', 'active'] as const;
export type Evidence = Pick<Alert, (typeof EVIDENCE_FIELDS)[number]>;
type Core = Omit<Alert, (typeof EVIDENCE_FIELDS)[number]>;

/** KEYS: alert, by-key, unresolved, resolved, audit. ARGV: expected version, core, evidence|'', id, key, state, firstSeen, resolvedAt, cap, audit… */
const TRANSITION = `
local v = redis.call('HGET', KEYS[1], 'version')
if not v then return {-2} end
if v ~= ARGV[1] then return {0, v} end
redis.call('HSET', KEYS[1], 'core', ARGV[2], 'version', tostring(tonumber(v) + 1), 'state', ARGV[6])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'evidence', ARGV[3]) end
if ARGV[6] == 'resolved' then
  if redis.call('HGET', KEYS[2], ARGV[5]) == ARGV[4] then redis.call('HDEL', KEYS[2], ARGV[5]) end
  redis.call('ZREM', KEYS[3], ARGV[4])
  redis.call('ZADD', KEYS[4], ARGV[8], ARGV[4])
end
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[9], '*', unpack(ARGV, 10))
return {1}`;

/** KEYS: seq, by-key, last-by-key, unresolved, audit, alert prefix. ARGV: key, firstSeen, core template, evidence, cap, audit… */
const CREATE = `
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if existing then return {0, existing} end
local id = 'A' .. redis.call('INCR', KEYS[1])
local previous = redis.call('HGET', KEYS[3], ARGV[1]) or ''
local core = string.gsub(ARGV[3], '"__ID__"', '"' .. id .. '"', 1)
core = string.gsub(core, '"__PREVIOUS__"', previous == '' and 'null' or ('"' .. previous .. '"'), 1)
redis.call('HSET', KEYS[6] .. id, 'core', core, 'evidence', ARGV[4], 'version', '1', 'state', 'open')
redis.call('HSET', KEYS[2], ARGV[1], id)
redis.call('HSET', KEYS[3], ARGV[1], id)
redis.call('ZADD', KEYS[4], ARGV[2], id)
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[5], '*', 'alertId', id, unpack(ARGV, 6))
return {1, id}`;

/** KEYS: alert. ARGV: evidence. Evidence of a resolved alert is left as it was. */
const EVIDENCE = `
local s = redis.call('HGET', KEYS[1], 'state')
if not s or s == 'resolved' then return 0 end
redis.call('HSET', KEYS[1], 'evidence', ARGV[1])
return 1`;

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
    const { core, evidence } = split({
      ...init,
      id: '__ID__',
      previousId: '__PREVIOUS__',
      version: 1,
    } as Alert);
    const k = this.keys;
    const res = (await this.redis.eval(
      CREATE,
      6,
      k.alertSeq,
      k.alertByKey,
      k.alertLastByKey,
      k.alertsUnresolved,
      k.audit,
      k.alert(''),
      init.key,
      String(init.firstSeen),
      JSON.stringify(core),
      JSON.stringify(evidence),
      String(STREAM_CAPS.audit),
      ...auditFields(audit as NewAuditRecord),
    )) as [number, string];
    return { id: res[1], created: res[0] === 1 };
  }

  /** Writes a transition if the stored version is still `expected`, with its audit record, in one script. */
  async transition(next: Alert, expected: number, audit: NewAuditRecord): Promise<CasResult> {
    const { core, evidence } = split(next);
    const k = this.keys;
    const res = (await this.redis.eval(
      TRANSITION,
      5,
      k.alert(next.id),
      k.alertByKey,
      k.alertsUnresolved,
      k.alertsResolved,
      k.audit,
      String(expected),
      JSON.stringify(core),
      JSON.stringify(evidence),
      next.id,
      next.key,
      next.state,
      String(next.firstSeen),
      String(next.resolvedAt ?? 0),
      String(STREAM_CAPS.audit),
      ...auditFields(audit),
    )) as [number];
    if (res[0] === 1) return { ok: true };
    return { ok: false, reason: res[0] === -2 ? 'missing' : 'stale' };
  }

  async updateEvidence(id: string, evidence: Evidence): Promise<boolean> {
    return (
      ((await this.redis.eval(
        EVIDENCE,
        1,
        this.keys.alert(id),
        JSON.stringify(pickEvidence(evidence)),
      )) as number) === 1
    );
  }

  async get(id: string): Promise<Alert | null> {
    if (!/^A\d{1,12}$/.test(id)) return null;
    const [core, evidence, version] = await this.redis.hmget(
      this.keys.alert(id),
      'core',
      'evidence',
      'version',
    );
    return join(core ?? null, evidence ?? null, version ?? null);
  }

  async getMany(ids: readonly string[]): Promise<Alert[]> {
    if (ids.length === 0) return [];
    const p = this.redis.pipeline();
    for (const id of ids) p.hmget(this.keys.alert(id), 'core', 'evidence', 'version');
    const res = (await p.exec()) ?? [];
    return res
      .map(([, v]) => {
        const [core, evidence, version] = (v ?? []) as (string | null)[];
        return join(core ?? null, evidence ?? null, version ?? null);
      })
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
    active: a.active,
  };
}

function join(core: string | null, evidence: string | null, version: string | null): Alert | null {
  if (!core || !evidence || !version) return null;
  const parsed = alertSchema.safeParse({
    ...JSON.parse(core),
    ...JSON.parse(evidence),
    version: Number(version),
  });
  return parsed.success ? parsed.data : null;
}

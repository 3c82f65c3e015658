/**
 * @module Who shares this Redis: each process writes a heartbeat (its roles, partitions and rate) into one hash, and
 * reads the others'. A member whose heartbeat is older than the lease time is taken as gone (scorers then rebalance);
 * one gone ten times that long is removed from the hash.
 */
import { type ClusterMember, clusterMemberSchema } from '../../shared/schemas/cluster.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

export class Membership {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    /** A member is alive while its heartbeat is younger than this, ms (the lease time). */
    readonly aliveMs: number,
  ) {}

  async beat(member: Omit<ClusterMember, 'lastSeen'>, now = Date.now()): Promise<void> {
    await this.redis.hset(this.keys.clusterMembers, member.id, JSON.stringify({ ...member, lastSeen: now }));
  }

  async leave(id: string): Promise<void> {
    await this.redis.hdel(this.keys.clusterMembers, id);
  }

  /** Every member still listed, the alive first; long-gone and unreadable entries are removed. */
  async members(now = Date.now()): Promise<ClusterMember[]> {
    const all = await this.redis.hgetall(this.keys.clusterMembers);
    const out: ClusterMember[] = [];
    const gone: string[] = [];
    for (const [id, text] of Object.entries(all)) {
      const parsed = safeParse(text);
      if (!parsed || now - parsed.lastSeen > this.aliveMs * 10) gone.push(id);
      else out.push(parsed);
    }
    if (gone.length) await this.redis.hdel(this.keys.clusterMembers, ...gone);
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  isAlive(m: ClusterMember, now = Date.now()): boolean {
    return now - m.lastSeen <= this.aliveMs;
  }

  /** Whether an alive member reads the input (without one, no event can come, whatever the sensors do). */
  async ingestAlive(now = Date.now()): Promise<boolean> {
    return (await this.members(now)).some((m) => m.roles.includes('ingest') && this.isAlive(m, now));
  }

  /** Ids of the alive members that score. */
  async scorers(now = Date.now()): Promise<string[]> {
    return (await this.members(now))
      .filter((m) => m.roles.includes('score') && this.isAlive(m, now))
      .map((m) => m.id);
  }
}

function safeParse(text: string): ClusterMember | null {
  try {
    const r = clusterMemberSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

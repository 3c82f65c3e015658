/**
 * @module The `web` role's view of the scoring done elsewhere: each tick it reads every partition's part and merges
 * them into one frame of the same contract as one process's (segments are disjoint across partitions, so series,
 * segments and hosts merge by concatenation; top hosts by score). A partition whose part stopped coming (no live
 * owner) keeps its last figures and its segments are listed as `stale`, never shown as zero. Host detail, search and
 * sensors are asked of the scorers.
 */
import type { Alert } from '../../shared/schemas/alert.js';
import type { HostDetail, PeersAnswer, SearchAnswer, Sensor } from '../../shared/schemas/api.js';
import { type PartitionPart, partitionPartSchema } from '../../shared/schemas/cluster.js';
import type { Frame, SeriesPoint, Snapshot } from '../../shared/schemas/frame.js';
import type { HostScore } from '../../shared/schemas/score.js';
import type { Stats } from '../../shared/schemas/stats.js';
import { getEach, type Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { peersAnswer } from '../scoring/peers.js';
import { LIVE_WINDOW_MS } from '../scoring/series.js';
import { SEARCH_LIMIT } from '../search.js';
import type { ClusterAsker } from './cluster-ask.js';

type HostDetailView = NonNullable<HostDetail['host']>;

export interface ClusterViewOptions {
  redis: Redis;
  keys: Keys;
  partitions: number;
  tickMs: number;
  asker: ClusterAsker;
  /** Hosts in each frame's top list. @default 10 */
  topHosts?: number;
}

export class ClusterView {
  private seq = 0;
  private readonly parts = new Map<number, PartitionPart>();
  /** Per segment, the newest closed point already handed out. */
  private readonly closedUpTo = new Map<string, number>();
  private closed: SeriesPoint[] = [];
  private latest: Frame | null = null;
  private readonly hosts = new Map<string, HostScore>();

  constructor(private readonly o: ClusterViewOptions) {}

  /** Closed points from before this instance started (the history store), as the start of the live window. */
  seed(points: readonly SeriesPoint[]): void {
    for (const p of [...points].sort((a, b) => a.t - b.t)) {
      this.closed.push({ ...p, open: false });
      if (p.t > (this.closedUpTo.get(p.segment) ?? 0)) this.closedUpTo.set(p.segment, p.t);
    }
  }

  /** Partitions whose part is recent enough to have a live owner. */
  freshPartitions(now: number): number[] {
    return [...this.parts.values()].filter((p) => this.fresh(p, now)).map((p) => p.n);
  }

  private fresh(p: PartitionPart, now: number): boolean {
    return now - p.at <= 3 * this.o.tickMs + 2_000;
  }

  /** Reads every partition's part and merges them into this tick's frame. */
  async tick(now: number, stats: Stats, read = true): Promise<Frame> {
    const keys = Array.from({ length: this.o.partitions }, (_, n) => this.o.keys.partition(n, 'part'));
    // with Redis away (`read` false) the frame is made of the parts last read, which grow stale: screens keep a
    // frame each tick, and the cause the caller adds to it, rather than a read waiting for Redis to come back
    const texts = read ? await getEach(this.o.redis, keys) : [];
    texts.forEach((text, n) => {
      if (text === null) return;
      const parsed = safePart(text);
      const prior = this.parts.get(n);
      if (parsed && (!prior || parsed.at >= prior.at)) this.parts.set(n, parsed);
    });
    const parts = [...this.parts.values()].sort((a, b) => a.n - b.n);
    const fresh = parts.filter((x) => this.fresh(x, now));
    const stale = parts.filter((x) => !this.fresh(x, now)).flatMap((x) => x.segments.map((s) => s.segment));
    const newlyClosed: SeriesPoint[] = [];
    const open: SeriesPoint[] = [];
    for (const part of parts) {
      for (const pt of part.points) {
        if (pt.open) {
          if (this.fresh(part, now)) open.push(pt);
        } else if (pt.t > (this.closedUpTo.get(pt.segment) ?? 0)) {
          this.closedUpTo.set(pt.segment, pt.t);
          newlyClosed.push(pt);
        }
      }
    }
    newlyClosed.sort((a, b) => a.t - b.t);
    this.closed.push(...newlyClosed);
    const horizon = now - LIVE_WINDOW_MS - 60_000;
    if (this.closed.length > 0 && this.closed[0]!.t < horizon)
      this.closed = this.closed.filter((x) => x.t >= horizon);
    const marks = fresh.map((x) => x.watermark).filter((w) => w > 0);
    const frame: Frame = {
      now,
      seq: ++this.seq,
      watermark: marks.length ? Math.min(...marks) : Math.max(0, ...parts.map((x) => x.watermark)),
      points: [...newlyClosed, ...open],
      segments: parts.flatMap((x) => x.segments).sort((a, b) => (a.segment < b.segment ? -1 : 1)),
      topHosts: parts
        .flatMap((x) => x.topHosts)
        .sort((a, b) => b.score - a.score)
        .slice(0, this.o.topHosts ?? 10),
      stats: {
        ...stats,
        eventsPerSec: Math.round(fresh.reduce((s, x) => s + x.eventsPerSec, 0) * 10) / 10,
        applied: parts.reduce((s, x) => s + x.applied, 0),
        newestEventTs: Math.max(0, ...parts.map((x) => x.newestEventTs)),
      },
      ...(stale.length ? { stale } : {}),
    };
    this.latest = frame;
    return frame;
  }

  /** What the partitions' last merged tick says of the whole (events/s, applied, newest event), for `GET /api/stats`. */
  scoredStats(): Pick<Stats, 'eventsPerSec' | 'applied' | 'newestEventTs'> | null {
    const s = this.latest?.stats;
    return s ? { eventsPerSec: s.eventsPerSec, applied: s.applied, newestEventTs: s.newestEventTs } : null;
  }

  /** The full state for a connecting screen, from the merged ticks. */
  snapshot(now: number, alerts: Alert[], stats: Stats): Snapshot {
    const f = this.latest;
    return {
      now,
      seq: this.seq,
      tickMs: this.o.tickMs,
      watermark: f?.watermark ?? 0,
      series: [
        ...this.closed.filter((p) => p.t >= (f?.watermark ?? now) - LIVE_WINDOW_MS),
        ...(f?.points.filter((p) => p.open) ?? []),
      ],
      segments: f?.segments ?? [],
      topHosts: f?.topHosts ?? [],
      alerts,
      stats: f?.stats ?? stats,
      ...(f?.stale ? { stale: f.stale } : {}),
    };
  }

  /** The summed rate and count of the partitions with a live owner. */
  applied(): number {
    return [...this.parts.values()].reduce((s, x) => s + x.applied, 0);
  }

  /** A host's detail from whichever scorer has it; null when none does. */
  async host(ip: string): Promise<HostDetailView | null> {
    const answers = await this.o.asker.ask('host', ip);
    return (answers.find((a) => a !== null) as HostDetailView | undefined) ?? null;
  }

  /** The header search over every scorer's state. */
  async search(q: string): Promise<SearchAnswer> {
    const answers = (await this.o.asker.ask('search', q)).filter(Boolean) as SearchAnswer[];
    const results = answers.flatMap((a) => a.results);
    results.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.label.localeCompare(b.label));
    return { results: results.slice(0, SEARCH_LIMIT), total: answers.reduce((s, a) => s + a.total, 0) };
  }

  /** Hosts naming an address or a name, over every scorer's state (each sends its first PEERS_LIMIT and its total). */
  async peers(q: string): Promise<PeersAnswer> {
    const answers = (await this.o.asker.ask('peers', q)).filter(Boolean) as PeersAnswer[];
    return peersAnswer(
      q,
      answers.flatMap((a) => a.peers),
      answers.reduce((n, a) => n + a.total, 0),
    );
  }

  async sensors(): Promise<Sensor[]> {
    const answers = (await this.o.asker.ask('sensors', '')).filter(Array.isArray) as Sensor[][];
    return answers.flat().sort((a, b) => a.sensor.localeCompare(b.sensor));
  }

  /** A watched host's detail as last fetched (the broadcaster sends it each tick). */
  cachedHost(ip: string): HostScore | null {
    return this.hosts.get(ip) ?? null;
  }

  /** Fetches the watched hosts' detail for the next ticks. */
  async refreshHosts(ips: readonly string[]): Promise<void> {
    const keep = new Set(ips);
    for (const ip of this.hosts.keys()) if (!keep.has(ip)) this.hosts.delete(ip);
    await Promise.all(
      ips.map(async (ip) => {
        const h = await this.host(ip);
        if (h) this.hosts.set(ip, h);
        else this.hosts.delete(ip);
      }),
    );
  }
}

function safePart(text: string): PartitionPart | null {
  try {
    const r = partitionPartSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

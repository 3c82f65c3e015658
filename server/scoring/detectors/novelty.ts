/**
 * @module Novelty: external addresses a host is the first of its segment to contact (a loader trying its fallback
 * C2 list, a host reaching infrastructure nobody else uses), counted over the last hour. Weak evidence by design
 * (at most {@link MAX_CONTRIBUTION} points): it matters when it adds to other findings on the same host. The segment
 * remembers the external addresses its hosts contacted and when each was first seen (two generations, bounded).
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { isLocal } from '../address-facts.js';
import { keepRef, reason, saturate } from '../evidence.js';
import type { Detector, EntityType, EvaluateContext } from '../types.js';

const WINDOW = 3_600_000;
/** Points at most: never an alert alone. */
const MAX_CONTRIBUTION = 20;
/** New addresses in the hour where points start (one or two new addresses a day is ordinary). */
const FREE = 2;

/** A segment's memory of external addresses: first-seen times, in two generations of at most `cap / 2` each. */
interface Known {
  cur: Record<string, number>;
  prev: Record<string, number>;
  size: number;
  /** Event time of its first event (the memory is trusted after the warm-up). */
  since: number;
}

export interface NoveltyState {
  /** Segment only. */
  known: Known | null;
  /** Host only: external addresses of the open bucket (distinct, at most {@link PENDING}), then checked. */
  pending: string[];
  /** Host only: new addresses it was first to contact, and when (at most {@link NEWS}). */
  news: string[];
  newsAt: number[];
  refs: string[];
}

const PENDING = 16;
const NEWS = 32;

export interface NoveltyOptions {
  /** External addresses a segment remembers. @default 8192 */
  cap?: number;
  /** Event time a segment learns before anything is new to it. @default 600_000 (10 min) */
  warmupMs?: number;
}

export function noveltyDetector(opts: NoveltyOptions = {}): Detector<NoveltyState> {
  const half = (opts.cap ?? 8192) / 2;
  const warmup = opts.warmupMs ?? 600_000;
  // The same event reaches the segment's state and then its host's: its scope is worked out once.
  let scoped = '';
  let local = true;
  return {
    id: 'novelty',
    entities: ['host', 'segment'],
    kinds: ['flow'],
    peers(s, visit) {
      for (let i = 0; i < s.news.length; i++) visit(s.news[i]!, s.newsAt[i]!);
    },
    init: (type: EntityType) => ({
      known: type === 'segment' ? { cur: {}, prev: {}, size: 0, since: -1 } : null,
      pending: [],
      news: [],
      newsAt: [],
      refs: [],
    }),
    observe(s, ev: NormalizedEvent, ref) {
      const ip = ev.dst_ip;
      if (ev.kind !== 'flow' || ip === undefined) return;
      if (ip !== scoped) {
        scoped = ip;
        local = isLocal(ip);
      }
      if (local) return;
      const k = s.known;
      if (k) {
        if (k.since < 0) k.since = ev.ts;
        if (k.cur[ip] !== undefined) return;
        k.cur[ip] = k.prev[ip] ?? ev.ts;
        if (++k.size >= half) {
          k.prev = k.cur;
          k.cur = {};
          k.size = 0;
        }
        return;
      }
      if (s.pending.length < PENDING && !s.pending.includes(ip)) {
        s.pending.push(ip);
        s.refs = keepRef(s.refs, ref, 3);
      }
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const now = ctx.bucketStart + 1000;
      const peer = ctx.peer as NoveltyState | undefined;
      const k = peer?.known;
      if (k && s.pending.length > 0 && k.since >= 0 && ctx.bucketStart - k.since >= warmup) {
        for (const ip of s.pending) {
          const first = k.cur[ip] ?? k.prev[ip];
          // first seen in this bucket: this host (or one in the same second) was the segment's first
          if (first === undefined || first < ctx.bucketStart || first >= now || s.news.includes(ip)) continue;
          if (s.news.length >= NEWS) {
            s.news.shift();
            s.newsAt.shift();
          }
          s.news.push(ip);
          s.newsAt.push(first);
        }
      }
      s.pending.length = 0;
      while (s.newsAt.length > 0 && s.newsAt[0]! < now - WINDOW) {
        s.news.shift();
        s.newsAt.shift();
      }
      const c = (MAX_CONTRIBUTION / 100) * saturate(s.news.length - FREE, 3);
      return c > 0
        ? [reason('novelty', 'new_external_peers_1h', s.news.length, FREE, c, s.refs, [0, FREE])]
        : [];
    },
  };
}

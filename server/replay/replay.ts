/**
 * @module The replay itself: loads the files in event-time order, then sends them with pipelined XADD in
 * batches (a few batches in flight), paced by `--speed`, until done or the signal aborts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { InputFormat } from '../ingest/decoders/types.js';
import type { Redis } from '../redis/connections.js';
import { encoder, type SendAs } from './encode.js';
import { type LoadedFiles, loadRecords } from './load.js';
import { type Progress, RateMeter } from './progress.js';
import {
  compressTimeline,
  DEFAULT_MAX_GAP_MS,
  type Gap,
  planTiming,
  type Rebase,
  type Speed,
  type Timeline,
} from './timing.js';

export interface ReplayOptions {
  files: readonly string[];
  /** @default auto (detected per file) */
  format?: InputFormat;
  /** Destination stream; by default the format's (`suricata`, `zeek`, `telemetry`). */
  stream?: string;
  /** Field of original records; by default the format's. */
  field?: string;
  /** @default 1 */
  speed?: Speed;
  /** @default now */
  rebase?: Rebase;
  /** @default original */
  as?: SendAs;
  /** Gaps of original time longer than this are shortened to it (Infinity keeps them). @default 60000 */
  maxGapMs?: number;
  /** Segment of every replayed host (native events only: EVE and Zeek records carry none). */
  segment?: string;
  /** Entries per pipelined XADD. @default 500 */
  batch?: number;
  /** Batches awaiting their replies at once. @default 4 */
  inFlight?: number;
}

export interface ReplayDeps {
  redis: Redis;
  /** Stops the replay (Ctrl-C): the batches already sent complete, nothing else is sent. */
  signal?: AbortSignal;
  /** Called after loading, before the first send. */
  onLoaded?: (loaded: LoadedFiles, timeline: Timeline) => void;
  /** Called after every batch and while waiting; throttle it yourself. */
  onProgress?: (p: Progress) => void;
  /** Wall clock. @default Date.now */
  clock?: () => number;
  /** Waits `ms` of that clock, or less when the signal aborts. @default a timer */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Gaps of the capture that were shortened (`--max-gap`). */
export interface GapReport {
  count: number;
  /** Original time taken out, ms. */
  removedMs: number;
  /** The longest, with the record after it. */
  longest: { ms: number; file: string; line: number } | null;
}

export interface ReplaySummary {
  files: number;
  /** Non-empty lines read. */
  read: number;
  /** Records to send after sorting. */
  records: number;
  /** Entries written. */
  sent: number;
  /** Lines or records not sent, by reason (file problems, `--as native` rejections and `other`, Redis errors). */
  skipped: Record<string, number>;
  /** Entries written per stream. */
  streams: Record<string, number>;
  /** Records without a time of their own, sent with the record before them in their file. */
  untimed: number;
  gaps: GapReport;
  /** Original event time of the first and last record, ms. */
  firstEventTs: number | null;
  lastEventTs: number | null;
  /** Time spent reading and sorting, and in all, ms. */
  loadMs: number;
  durationMs: number;
  interrupted: boolean;
}

const timerSleep = (ms: number, signal?: AbortSignal) =>
  sleep(ms, undefined, { signal }).then(
    () => {},
    () => {},
  );

export async function replay(o: ReplayOptions, deps: ReplayDeps): Promise<ReplaySummary> {
  const clock = deps.clock ?? Date.now;
  const wait = deps.sleep ?? timerSleep;
  const signal = deps.signal;
  const began = clock();
  const loaded = await loadRecords(o.files, o.format ?? 'auto', signal);
  const { records } = loaded;
  const timeline = compressTimeline(
    records.map((r) => r.time),
    o.maxGapMs ?? DEFAULT_MAX_GAP_MS,
  );
  deps.onLoaded?.(loaded, timeline);
  const summary: ReplaySummary = {
    files: o.files.length,
    read: loaded.read,
    records: records.length,
    sent: 0,
    skipped: { ...loaded.skipped },
    streams: {},
    untimed: loaded.untimed,
    gaps: gapReport(timeline, loaded, o.files),
    firstEventTs: records[0]?.time ?? null,
    lastEventTs: records.at(-1)?.time ?? null,
    loadMs: clock() - began,
    durationMs: 0,
    interrupted: false,
  };
  let nSkipped = Object.values(loaded.skipped).reduce((a, b) => a + b, 0);
  const skip = (reason: string) => {
    summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
    nSkipped++;
  };
  const speed = o.speed ?? 1;
  const start = clock();
  const plan = planTiming(timeline, speed, o.rebase ?? 'now', start);
  const encode = encoder({ as: o.as ?? 'original', stream: o.stream, field: o.field, segment: o.segment });
  const batch = o.batch ?? 500;
  const window = o.inFlight ?? 4;
  const meter = new RateMeter();
  const last = records.at(-1);
  let queued = 0;
  let gapsPassed = 0;

  const progress = () => {
    if (!deps.onProgress) return;
    const now = clock();
    const rate = meter.rate(summary.sent, now);
    const remaining = records.length - queued;
    const etaMs =
      speed !== 'max' && last
        ? Math.max(0, plan.sendAt(last.time) - now)
        : rate > 0
          ? (remaining * 1000) / rate
          : null;
    while (gapsPassed < timeline.gaps.length && timeline.gaps[gapsPassed]!.index < queued) gapsPassed++;
    deps.onProgress({
      sent: summary.sent,
      total: records.length,
      rate,
      etaMs,
      skipped: nSkipped,
      gaps: gapsPassed,
    });
  };

  const send = async (streams: string[], pipeline: ReturnType<Redis['pipeline']>) => {
    const results = (await pipeline.exec()) ?? [];
    for (const [k, [err]] of results.entries()) {
      if (err) {
        skip(`redis: ${err.message.split('\n')[0]!.slice(0, 80)}`);
        continue;
      }
      summary.sent++;
      summary.streams[streams[k]!] = (summary.streams[streams[k]!] ?? 0) + 1;
    }
  };

  const inflight: Promise<void>[] = [];
  let i = 0;
  try {
    while (i < records.length && !signal?.aborted) {
      const due = plan.sendAt(records[i]!.time) - clock();
      if (due > 0) {
        progress();
        await wait(Math.min(due, 200), signal);
        continue;
      }
      const now = clock();
      const pipeline = deps.redis.pipeline();
      const streams: string[] = [];
      while (i < records.length && streams.length < batch && plan.sendAt(records[i]!.time) <= now) {
        const rec = records[i++]!;
        const out = encode(rec, plan.deltaFor(rec.time));
        if ('skip' in out) {
          skip(out.skip);
          continue;
        }
        pipeline.xadd(out.stream, '*', out.field, out.payload);
        streams.push(out.stream);
      }
      queued = i;
      if (streams.length > 0) {
        const sending = send(streams, pipeline);
        sending.catch(() => {}); // awaited below; this only keeps a failure from being reported as unhandled
        inflight.push(sending);
      }
      if (inflight.length >= window) await inflight.shift();
      progress();
    }
  } finally {
    await Promise.allSettled(inflight);
  }
  // A batch that failed as a whole (connection lost for good) is an error of the run, not a skip.
  for (const p of inflight) await p;
  summary.interrupted = signal?.aborted === true;
  summary.durationMs = clock() - began;
  progress();
  return summary;
}

function gapReport(timeline: Timeline, loaded: LoadedFiles, files: readonly string[]): GapReport {
  let longest: Gap | null = null;
  for (const g of timeline.gaps) if (!longest || g.to - g.from > longest.to - longest.from) longest = g;
  const after = longest ? loaded.records[longest.index]! : null;
  return {
    count: timeline.gaps.length,
    removedMs: timeline.removedMs,
    longest:
      longest && after ? { ms: longest.to - longest.from, file: files[after.file]!, line: after.line } : null,
  };
}

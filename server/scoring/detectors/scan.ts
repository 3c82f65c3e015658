/**
 * @module Scan / fan-out: distinct destination ports (10 s) and hosts answering with failures (60 s) per source,
 * the share of failed connections (S0, REJ, RSTO/RSTR-style, Suricata flows with no reply), and over the last hour
 * the ports one destination refused (a paced vertical scan) and the destinations failing on one port (a paced
 * horizontal sweep), each against the source's own history.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { keepRef, reason, saturate } from '../evidence.js';
import {
  addDecayingAt,
  BASELINE,
  DECAYING,
  decayedAt,
  isWarmAt,
  meanAt,
  observeAt,
  packedNumbers,
  varianceAt,
} from '../packed-numbers.js';
import type { Detector, EvaluateContext } from '../types.js';
import { type FailMemory, newFailMemory, rememberFailure, widest } from './scan-memory.js';

/** Zeek states of a connection attempt that got no proper answer. */
const FAILED = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH_S0']);
const PORT_WINDOW = 10_000;
const HOST_WINDOW = 60_000;
const HALF_LIFE = 5_000;
/** Hosts failing within {@link HOST_WINDOW} where points start. */
const HOST_BAR = 16;
/** Paced scans are judged over this long. */
const LONG_WINDOW = 3_600_000;
/** The hour's spread is re-read at least this often while it gives reasons (to let old failures go). */
const LONG_READ_MS = 10_000;
/** Distinct refused ports of one destination in an hour: where points start, at most (so 100+ is never normal). */
const VERTICAL_BAR = [10, 50] as const;
/** Distinct destinations failing on one port in an hour: where points start, at most. */
const HORIZONTAL_BAR = [8, 40] as const;

/**
 * The state's counters, baselines and times, at these offsets of {@link ScanState.n}:
 * - `FLOWS`, `FAILED_FLOWS`: flows and failed flows, decaying (./packed-numbers.ts);
 * - `BASE`: baseline of distinct ports per 10 s (for the expected value, and a higher bar for busy hosts);
 * - `V_BASE`, `H_BASE`: own history of the hour's widest vertical and horizontal spreads, learnt at most once a
 *   minute (at `LEARNT_AT`);
 * - `LONG_AT`: when the hour was last read.
 */
const FLOWS = 0;
const FAILED_FLOWS = FLOWS + DECAYING;
const BASE = FAILED_FLOWS + DECAYING;
const V_BASE = BASE + BASELINE;
const H_BASE = V_BASE + BASELINE;
const LONG_AT = H_BASE + BASELINE;
const LEARNT_AT = LONG_AT + 1;
const NUMBERS = LEARNT_AT + 1;

export interface ScanState {
  /**
   * Destination ports and when each was last used, two numbers a port side by side, searched in a line — most
   * sources use a handful of ports, and a scanner's new port costs one pass over at most `cap`.
   */
  ports: number[];
  /** Destinations that failed to answer: address → when last (in first-seen order). */
  hosts: Map<string, number>;
  /** Counters, baselines and times (see {@link FLOWS}). */
  n: number[];
  refs: string[];
  /** The hour's failed (destination, port) pairs. */
  fails: FailMemory;
  /** What the hour gave when last read (given again until the next read). */
  long: Reason[];
}

export interface ScanOptions {
  /** Distinct ports / hosts remembered per source. @default 256 */
  cap?: number;
  /** Failed (destination, port) pairs remembered per source over the hour. @default 512 */
  failCap?: number;
}

export function scanDetector(opts: ScanOptions = {}): Detector<ScanState> {
  const cap = opts.cap ?? 256;
  const failCap = opts.failCap ?? 512;
  return {
    id: 'scan',
    kinds: ['flow'],
    entities: ['host'],
    init: () => ({
      ports: [],
      hosts: new Map(),
      n: packedNumbers(NUMBERS),
      refs: [],
      fails: newFailMemory(),
      long: [],
    }),
    peers(s, visit) {
      for (const [ip, at] of s.hosts) visit(ip, at);
      const { ips, rows } = s.fails;
      for (let i = 0; i < ips.length; i++) visit(ips[i]!, rows[2 * i + 1]!);
    },
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'flow' || ev.dst_port === undefined) return;
      const failed = ev.conn_state !== undefined && FAILED.has(ev.conn_state);
      seenPort(s, ev.dst_port, ev.ts, cap);
      if (failed && ev.dst_ip !== undefined) {
        seen(s.hosts, ev.dst_ip, ev.ts, cap);
        rememberFailure(s.fails, ev.dst_ip, ev.dst_port, ev.ts, failCap);
      }
      addDecayingAt(s.n, FLOWS, ev.ts, 1, HALF_LIFE);
      if (failed) {
        addDecayingAt(s.n, FAILED_FLOWS, ev.ts, 1, HALF_LIFE);
        s.refs = keepRef(s.refs, ref);
      } else if (s.refs.length < 5) s.refs = keepRef(s.refs, ref);
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const now = ctx.bucketStart + 1000;
      let ports = 0;
      const since = now - PORT_WINDOW;
      for (let i = 1; i < s.ports.length; i += 2) if (s.ports[i]! >= since) ports++;
      // Failed hosts count only beyond HOST_BAR: a source that has failed on no more is not counted.
      const hosts = s.hosts.size <= HOST_BAR ? 0 : countSince(s.hosts, now - HOST_WINDOW);
      // Counters are read only when they can matter: without failures the share is 0 whatever the flows.
      const n = s.n;
      const failedNow = n[FAILED_FLOWS] === 0 ? 0 : decayedAt(n, FAILED_FLOWS, now, HALF_LIFE);
      const flows = failedNow === 0 ? 0 : decayedAt(n, FLOWS, now, HALF_LIFE);
      const share = flows > 0 ? failedNow / flows : 0;
      const reasons: Reason[] = [];
      const warm = isWarmAt(n, BASE, 120);
      const mean = warm ? meanAt(n, BASE) : 2;
      const std = Math.sqrt(Math.max(varianceAt(n, BASE), 1));
      const portBar = Math.max(12, mean + 6 * std);
      const cPorts = saturate(ports - portBar, 12) * (0.5 + 0.5 * share);
      if (cPorts > 0)
        reasons.push(reason('scan', 'distinct_ports_10s', ports, mean, cPorts, s.refs, [0, portBar]));
      const cHosts = saturate(hosts - HOST_BAR, 16);
      if (cHosts > 0)
        reasons.push(reason('scan', 'failed_hosts_60s', hosts, 0, cHosts, s.refs, [0, HOST_BAR]));
      if (flows >= 8 && share > 0.5) {
        const c = saturate((share - 0.5) * flows, 20);
        reasons.push(reason('scan', 'failed_share', share, 0.05, c, s.refs, [0, 0.5]));
      }
      if (s.fails.fresh > 0 || (s.long.length > 0 && now - n[LONG_AT]! >= LONG_READ_MS)) readHour(s, now);
      for (let i = 0; i < s.long.length; i++) reasons.push(s.long[i]!);
      // The baseline learns at most its bar, so a scan does not raise the bar for the next one.
      if (ctx.idleBuckets > 0)
        for (let k = 0; k < Math.min(ctx.idleBuckets, 30); k++) observeAt(n, BASE, 0, 0.01);
      observeAt(n, BASE, Math.min(ports, portBar), 0.01);
      return reasons;
    },
  };
}

/** The bar of a spread: the source's own usual hour (mean + 4σ, baseline at `at`), within [floor, ceiling]. */
function barOf(n: number[], at: number, [floor, ceiling]: readonly [number, number]): number {
  const own = isWarmAt(n, at, 30) ? meanAt(n, at) + 4 * Math.sqrt(Math.max(varianceAt(n, at), 1)) : 0;
  return Math.min(ceiling, Math.max(floor, own));
}

/** Reads the hour's failures into reasons; learns the hour's spreads once a minute (those within their bars). */
function readHour(s: ScanState, now: number): void {
  const w = widest(s.fails, now - LONG_WINDOW);
  const n = s.n;
  n[LONG_AT] = now;
  s.long = [];
  const vBar = barOf(n, V_BASE, VERTICAL_BAR);
  const hBar = barOf(n, H_BASE, HORIZONTAL_BAR);
  const cV = saturate(w.ports - vBar, 12);
  if (cV > 0)
    s.long.push(
      reason('scan', `refused_ports_1h ${w.target}`, w.ports, meanAt(n, V_BASE), cV, s.refs, [0, vBar]),
    );
  const cH = saturate(w.hosts - hBar, 8);
  if (cH > 0)
    s.long.push(
      reason('scan', `failed_hosts_1h port ${w.port}`, w.hosts, meanAt(n, H_BASE), cH, s.refs, [0, hBar]),
    );
  if (now - n[LEARNT_AT]! >= 60_000) {
    n[LEARNT_AT] = now;
    // An hour over its bar is not learnt at all: learnt at the bar, a paced scan raised the bar it was judged by
    // minute after minute (one refused port a minute: expected 10 → 38 in 105 min, never alerted).
    if (w.ports <= vBar) observeAt(n, V_BASE, w.ports, 1 / 60);
    if (w.hosts <= hBar) observeAt(n, H_BASE, w.hosts, 1 / 60);
  }
}

/** Touches a port; beyond `cap` ports, the least recently used one is forgotten. */
function seenPort(s: ScanState, port: number, at: number, cap: number): void {
  const ports = s.ports;
  for (let i = 0; i < ports.length; i += 2) {
    if (ports[i] === port) {
      if (at > ports[i + 1]!) ports[i + 1] = at;
      return;
    }
  }
  ports.push(port, at);
  if (ports.length <= 2 * cap) return;
  let worst = 0;
  for (let i = 2; i < ports.length; i += 2) if (ports[i + 1]! < ports[worst + 1]!) worst = i;
  const last = ports.length - 2;
  ports[worst] = ports[last]!;
  ports[worst + 1] = ports[last + 1]!;
  ports.length = last;
}

/**
 * Touches `key` in a recency map (`key` → when last touched, in first-touch order); beyond `cap` keys, the least
 * recently touched is dropped (the first among equals), as `touchList` does.
 */
function seen(byKey: Map<string, number>, key: string, at: number, cap: number): void {
  const last = byKey.get(key);
  if (last !== undefined) {
    if (at > last) byKey.set(key, at);
    return;
  }
  byKey.set(key, at);
  if (byKey.size > cap) {
    let worst = key;
    let worstAt = Number.POSITIVE_INFINITY;
    for (const [k, t] of byKey) {
      if (t < worstAt) {
        worst = k;
        worstAt = t;
      }
    }
    byKey.delete(worst);
  }
}

/** Keys of a recency map last touched at or after `since`. */
function countSince(byKey: Map<string, number>, since: number): number {
  let n = 0;
  for (const t of byKey.values()) if (t >= since) n++;
  return n;
}

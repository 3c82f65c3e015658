/**
 * @module Scan / fan-out: distinct destination ports (10 s) and hosts answering with failures (60 s) per source,
 * the share of failed connections (S0, REJ, RSTO/RSTR-style, Suricata flows with no reply), and over the last hour
 * the ports one destination refused (a paced vertical scan) and the destinations failing on one port (a paced
 * horizontal sweep), each against the source's own history.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { type Baseline, isWarm, newBaseline, observe } from '../baseline.js';
import {
  addDecaying,
  countSince,
  type Decaying,
  decayedValue,
  keepRef,
  newDecaying,
  oldest,
  type Recent,
  reason,
  saturate,
} from '../evidence.js';
import type { Detector, EvaluateContext } from '../types.js';
import { type FailMemory, newFailMemory, rememberFailure, widest } from './scan-memory.js';

/** Zeek states of a connection attempt that got no proper answer. */
const FAILED = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH_S0']);
const PORT_WINDOW = 10_000;
const HOST_WINDOW = 60_000;
const HALF_LIFE = 5_000;
/** Paced scans are judged over this long. */
const LONG_WINDOW = 3_600_000;
/** The hour's spread is re-read at least this often while it gives reasons (to let old failures go). */
const LONG_READ_MS = 10_000;
/** Distinct refused ports of one destination in an hour: where points start, at most (so 100+ is never normal). */
const VERTICAL_BAR = [10, 50] as const;
/** Distinct destinations failing on one port in an hour: where points start, at most. */
const HORIZONTAL_BAR = [8, 40] as const;

export interface ScanState {
  /**
   * Destination ports and when each was last used (same order): numbers side by side, searched in a line — most
   * sources use a handful of ports, and a scanner's new port costs one pass over at most `cap`.
   */
  ports: number[];
  portLast: number[];
  /** Destinations that failed to answer, by address. */
  hosts: Record<string, Recent<string>>;
  hostList: Recent<string>[];
  flows: Decaying;
  failed: Decaying;
  /** Baseline of distinct ports per 10 s (for the expected value, and a higher bar for busy hosts). */
  base: Baseline;
  refs: string[];
  /** The hour's failed (destination, port) pairs. */
  fails: FailMemory;
  /** When the hour was last read and what it gave (given again until the next read). */
  longAt: number;
  long: Reason[];
  /** Own history of the hour's widest vertical and horizontal spreads, learnt at most once a minute. */
  vBase: Baseline;
  hBase: Baseline;
  learntAt: number;
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
      portLast: [],
      hosts: {},
      hostList: [],
      flows: newDecaying(),
      failed: newDecaying(),
      base: newBaseline(),
      refs: [],
      fails: newFailMemory(),
      longAt: 0,
      long: [],
      vBase: newBaseline(),
      hBase: newBaseline(),
      learntAt: 0,
    }),
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'flow' || ev.dst_port === undefined) return;
      const failed = ev.conn_state !== undefined && FAILED.has(ev.conn_state);
      seenPort(s, ev.dst_port, ev.ts, cap);
      if (failed && ev.dst_ip !== undefined) {
        seen(s.hosts, s.hostList, ev.dst_ip, ev.ts, cap);
        rememberFailure(s.fails, ev.dst_ip, ev.dst_port, ev.ts, failCap);
      }
      addDecaying(s.flows, ev.ts, 1, HALF_LIFE);
      if (failed) {
        addDecaying(s.failed, ev.ts, 1, HALF_LIFE);
        keepRef(s.refs, ref);
      } else if (s.refs.length < 5) keepRef(s.refs, ref);
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const now = ctx.bucketStart + 1000;
      let ports = 0;
      const since = now - PORT_WINDOW;
      for (let i = 0; i < s.portLast.length; i++) if (s.portLast[i]! >= since) ports++;
      const hosts = s.hostList.length === 0 ? 0 : countSince(s.hostList, now - HOST_WINDOW);
      // Counters are read only when they can matter: without failures the share is 0 whatever the flows.
      const failedNow = s.failed.v === 0 ? 0 : decayedValue(s.failed, now, HALF_LIFE);
      const flows = failedNow === 0 ? 0 : decayedValue(s.flows, now, HALF_LIFE);
      const share = flows > 0 ? failedNow / flows : 0;
      const reasons: Reason[] = [];
      const warm = isWarm(s.base, 120);
      const mean = warm ? s.base.mean : 2;
      const std = Math.sqrt(Math.max(s.base.variance, 1));
      const portBar = Math.max(12, mean + 6 * std);
      const cPorts = saturate(ports - portBar, 12) * (0.5 + 0.5 * share);
      if (cPorts > 0)
        reasons.push(reason('scan', 'distinct_ports_10s', ports, mean, cPorts, s.refs, [0, portBar]));
      const cHosts = saturate(hosts - 16, 16);
      if (cHosts > 0) reasons.push(reason('scan', 'failed_hosts_60s', hosts, 0, cHosts, s.refs, [0, 16]));
      if (flows >= 8 && share > 0.5) {
        const c = saturate((share - 0.5) * flows, 20);
        reasons.push(reason('scan', 'failed_share', share, 0.05, c, s.refs, [0, 0.5]));
      }
      if (s.fails.fresh > 0 || (s.long.length > 0 && now - s.longAt >= LONG_READ_MS)) readHour(s, now);
      for (let i = 0; i < s.long.length; i++) reasons.push(s.long[i]!);
      // The baseline learns at most its bar, so a scan does not raise the bar for the next one.
      if (ctx.idleBuckets > 0)
        for (let k = 0; k < Math.min(ctx.idleBuckets, 30); k++) observe(s.base, 0, 0.01);
      observe(s.base, Math.min(ports, portBar), 0.01);
      return reasons;
    },
  };
}

/** The bar of a spread: the source's own usual hour (mean + 4σ), within [floor, ceiling]. */
function barOf(b: Baseline, [floor, ceiling]: readonly [number, number]): number {
  const own = isWarm(b, 30) ? b.mean + 4 * Math.sqrt(Math.max(b.variance, 1)) : 0;
  return Math.min(ceiling, Math.max(floor, own));
}

/** Reads the hour's failures into reasons; learns the hour's spreads once a minute (winsorized at their bars). */
function readHour(s: ScanState, now: number): void {
  const w = widest(s.fails, now - LONG_WINDOW);
  s.longAt = now;
  s.long = [];
  const vBar = barOf(s.vBase, VERTICAL_BAR);
  const hBar = barOf(s.hBase, HORIZONTAL_BAR);
  const cV = saturate(w.ports - vBar, 12);
  if (cV > 0)
    s.long.push(reason('scan', `refused_ports_1h ${w.target}`, w.ports, s.vBase.mean, cV, s.refs, [0, vBar]));
  const cH = saturate(w.hosts - hBar, 8);
  if (cH > 0)
    s.long.push(
      reason('scan', `failed_hosts_1h port ${w.port}`, w.hosts, s.hBase.mean, cH, s.refs, [0, hBar]),
    );
  if (now - s.learntAt >= 60_000) {
    s.learntAt = now;
    observe(s.vBase, Math.min(w.ports, vBar), 1 / 60);
    observe(s.hBase, Math.min(w.hosts, hBar), 1 / 60);
  }
}

/** Touches a port; beyond `cap` ports, the least recently used one is forgotten. */
function seenPort(s: ScanState, port: number, at: number, cap: number): void {
  const ports = s.ports;
  for (let i = 0; i < ports.length; i++) {
    if (ports[i] === port) {
      if (at > s.portLast[i]!) s.portLast[i] = at;
      return;
    }
  }
  ports.push(port);
  s.portLast.push(at);
  if (ports.length <= cap) return;
  let worst = 0;
  for (let i = 1; i < ports.length; i++) if (s.portLast[i]! < s.portLast[worst]!) worst = i;
  ports[worst] = ports[ports.length - 1]!;
  s.portLast[worst] = s.portLast[ports.length - 1]!;
  ports.pop();
  s.portLast.pop();
}

/** Touches `key` (as `touchList`, with a keyed lookup: a source may fail on hundreds of hosts). */
function seen<K extends string | number>(
  byKey: Record<K, Recent<K>>,
  list: Recent<K>[],
  key: K,
  at: number,
  cap: number,
): void {
  const entry = byKey[key];
  if (entry) {
    if (at > entry.last) entry.last = at;
    return;
  }
  const fresh: Recent<K> = { key, last: at };
  byKey[key] = fresh;
  list.push(fresh);
  if (list.length > cap) {
    const i = oldest(list);
    delete byKey[list[i]!.key];
    list.splice(i, 1);
  }
}

/**
 * @module An hour of a source's failed connection attempts, as distinct (destination, port) pairs with when each
 * last failed: what paced scans leave behind. Read two ways: distinct ports refused by one destination (a slow
 * vertical scan) and distinct local destinations failing on one port (a horizontal sweep of the network; failing on
 * many internet hosts is a proxy's ordinary day). Bounded: beyond its cap the
 * pair failed longest ago is forgotten. Plain arrays side by side (JSON-serializable), grown by exactly one pair
 * while short (most sources fail on a handful: DNS resolvers, a printer), as arrays grow beyond.
 */

export interface FailMemory {
  /** Destinations, and per pair (same order) its port and when it last failed, side by side. */
  ips: string[];
  rows: number[];
  /** Pairs added since the memory was last read. */
  fresh: number;
}

export const newFailMemory = (): FailMemory => ({ ips: [], rows: [], fresh: 0 });

/** Pairs a memory grows by exactly one at a time (then as arrays grow, by half). */
const SHORT = 16;

import { isLocal } from '../address-facts.js';

/** Records a failed attempt on `ip:port` at `at`. */
export function rememberFailure(m: FailMemory, ip: string, port: number, at: number, cap: number): void {
  const { ips, rows } = m;
  for (let i = 0; i < ips.length; i++) {
    if (rows[2 * i] === port && ips[i] === ip) {
      if (at > rows[2 * i + 1]!) rows[2 * i + 1] = at;
      return;
    }
  }
  m.fresh++;
  if (ips.length < SHORT) {
    m.ips = ips.concat(ip);
    m.rows = rows.concat(port, at);
    return;
  }
  if (ips.length < cap) {
    ips.push(ip);
    rows.push(port, at);
    return;
  }
  let worst = 0;
  for (let i = 1; i < ips.length; i++) if (rows[2 * i + 1]! < rows[2 * worst + 1]!) worst = i;
  ips[worst] = ip;
  rows[2 * worst] = port;
  rows[2 * worst + 1] = at;
}

export interface Widest {
  /** The destination refused on the most distinct ports, and how many. */
  target: string;
  ports: number;
  /** The port failing on the most distinct local destinations, and how many. */
  port: number;
  hosts: number;
}

/** The widest vertical and horizontal spread among pairs that failed at or after `since`; forgets older pairs. */
export function widest(m: FailMemory, since: number): Widest {
  const out: Widest = { target: '', ports: 0, port: 0, hosts: 0 };
  m.fresh = 0;
  let kept = 0;
  const byIp = new Map<string, number>();
  const byPort = new Map<number, number>();
  const rows = m.rows;
  for (let i = 0; i < m.ips.length; i++) {
    const last = rows[2 * i + 1]!;
    if (last < since) continue;
    const ip = m.ips[i]!;
    const port = rows[2 * i]!;
    m.ips[kept] = ip;
    rows[2 * kept] = port;
    rows[2 * kept++ + 1] = last;
    const a = (byIp.get(ip) ?? 0) + 1;
    byIp.set(ip, a);
    if (a > out.ports) {
      out.ports = a;
      out.target = ip;
    }
    if (!isLocal(ip)) continue;
    const b = (byPort.get(port) ?? 0) + 1;
    byPort.set(port, b);
    if (b > out.hosts) {
      out.hosts = b;
      out.port = port;
    }
  }
  m.ips.length = kept;
  rows.length = 2 * kept;
  return out;
}

/**
 * @module An hour of a source's failed connection attempts, as distinct (destination, port) pairs with when each
 * last failed: what paced scans leave behind. Read two ways: distinct ports refused by one destination (a slow
 * vertical scan) and distinct local destinations failing on one port (a horizontal sweep of the network; failing on
 * many internet hosts is a proxy's ordinary day). Bounded: beyond its cap the
 * pair failed longest ago is forgotten. Plain arrays side by side (JSON-serializable).
 */

export interface FailMemory {
  ips: string[];
  ports: number[];
  lasts: number[];
  /** Pairs added since the memory was last read. */
  fresh: number;
}

export const newFailMemory = (): FailMemory => ({ ips: [], ports: [], lasts: [], fresh: 0 });

import { isLocalAddress } from '../evidence.js';

/** Records a failed attempt on `ip:port` at `at`. */
export function rememberFailure(m: FailMemory, ip: string, port: number, at: number, cap: number): void {
  const { ips, ports, lasts } = m;
  for (let i = 0; i < ports.length; i++) {
    if (ports[i] === port && ips[i] === ip) {
      if (at > lasts[i]!) lasts[i] = at;
      return;
    }
  }
  m.fresh++;
  if (ports.length < cap) {
    ips.push(ip);
    ports.push(port);
    lasts.push(at);
    return;
  }
  let worst = 0;
  for (let i = 1; i < lasts.length; i++) if (lasts[i]! < lasts[worst]!) worst = i;
  ips[worst] = ip;
  ports[worst] = port;
  lasts[worst] = at;
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
  for (let i = 0; i < m.lasts.length; i++) {
    if (m.lasts[i]! < since) continue;
    const ip = m.ips[i]!;
    const port = m.ports[i]!;
    m.ips[kept] = ip;
    m.ports[kept] = port;
    m.lasts[kept++] = m.lasts[i]!;
    const a = (byIp.get(ip) ?? 0) + 1;
    byIp.set(ip, a);
    if (a > out.ports) {
      out.ports = a;
      out.target = ip;
    }
    if (!isLocalAddress(ip)) continue;
    const b = (byPort.get(port) ?? 0) + 1;
    byPort.set(port, b);
    if (b > out.hosts) {
      out.hosts = b;
      out.port = port;
    }
  }
  m.ips.length = kept;
  m.ports.length = kept;
  m.lasts.length = kept;
  return out;
}

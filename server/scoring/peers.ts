/**
 * @module Which hosts have evidence naming an address or a name: their detectors' state read on demand (a beacon's
 * destinations, new contacts, domains of suspect queries, failed targets, matched indicators), so that a hunter who
 * has one outside address (a C2, a domain from a report) finds every host of the network that talks to it, without
 * a per-event index. What the detectors no longer hold (an ordinary contact, evidence forgotten) is not found.
 */
import { canonicalIP, isIP } from '../../shared/ip.js';
import { PEERS_LIMIT, type PeerMatch, type PeersAnswer } from '../../shared/schemas/api.js';
import type { Entity } from './entity.js';
import type { Detector } from './types.js';

/** What is asked, in the form states hold it: an address canonical, a name lower case without its final dot. */
export function peerQuery(q: string): string {
  const t = q.trim();
  if (isIP(t)) return canonicalIP(t) ?? t;
  const lower = t.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * Whether a value a state holds names `q` (see {@link peerQuery}): the same, or for names one within the other's
 * domain (the DNS detector keeps registered domains, `evil.example`, and a report names `c2.evil.example`).
 */
export function namesIt(value: string, q: string): boolean {
  return matcherOf(q)(value);
}

/** {@link namesIt} for one `q`, worked out once: an address is compared as it is, a name lower case by whole labels. */
function matcherOf(q: string): (value: string) => boolean {
  if (isIP(q)) return (v) => v === q;
  const dotQ = `.${q}`;
  return (value) => {
    const v = value.toLowerCase();
    return v === q || q.endsWith(`.${v}`) || v.endsWith(dotQ);
  };
}

/** The first {@link PEERS_LIMIT} of matches from one or several engines, the most recently seen first, and their total. */
export function peersAnswer(q: string, matches: PeerMatch[], total = matches.length): PeersAnswer {
  const newest = (m: PeerMatch) => m.seen[0]?.at ?? 0;
  const sorted = matches.slice().sort((a, b) => newest(b) - newest(a) || b.score - a.score);
  return { q, peers: sorted.slice(0, PEERS_LIMIT), total };
}

/** Hosts read between two turns of the event loop: a national network's 200,000 take a second or two in all. */
export const PEERS_SLICE = 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The hosts whose detectors' states name `q`, each with what named it, the most recently seen first. Read in slices
 * of {@link PEERS_SLICE} hosts with a turn of the event loop between (the states are cold, about 0.1 µs a value
 * held): ingest and the tick go on while it reads; a host that comes or goes meanwhile may be found or not.
 */
export async function hostsNaming(
  hosts: Iterable<Entity>,
  detectors: readonly Detector[],
  q: string,
  scoreOf: (e: Entity) => number,
): Promise<PeerMatch[]> {
  const out: { match: PeerMatch; last: number }[] = [];
  const names = matcherOf(q);
  let read = 0;
  for (const e of hosts) {
    if (++read % PEERS_SLICE === 0) await nextTurn();
    let seen: PeerMatch['seen'] | null = null;
    let last = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < detectors.length; i++) {
      const d = detectors[i]!;
      const state = e.states[i];
      if (!d.peers || state === null || state === undefined) continue;
      d.peers(state, (value, at) => {
        if (!names(value)) return;
        seen ??= [];
        const same = seen.find((s) => s.detector === d.id && s.value === value);
        if (same) same.at = Math.max(same.at, at);
        else seen.push({ detector: d.id, value, at });
        last = Math.max(last, at);
      });
    }
    if (seen === null) continue;
    const list = seen as PeerMatch['seen'];
    list.sort((a, b) => b.at - a.at);
    out.push({
      match: { ip: e.id, segment: e.segment, score: Math.round(scoreOf(e) * 10) / 10, seen: list },
      last,
    });
  }
  return out.sort((a, b) => b.last - a.last || b.match.score - a.match.score).map((x) => x.match);
}

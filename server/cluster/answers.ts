/** @module How a scorer answers the web instances' questions from the partitions it owns. */
import type { SearchAnswer } from '../../shared/schemas/api.js';
import { peersAnswer } from '../scoring/peers.js';
import { SEARCH_LIMIT, searchLive } from '../search.js';
import type { AskKind } from './cluster-ask.js';
import type { PartitionScorer } from './partition-scorer.js';

export function answerFrom(scorer: PartitionScorer): (kind: AskKind, q: string) => unknown {
  return (kind, q) => {
    const now = Date.now();
    const states = scorer.states();
    if (kind === 'host') {
      for (const s of states) {
        const h = s.live.engine.host(q);
        if (h) return h;
      }
      return null;
    }
    if (kind === 'sensors') return states.flatMap((s) => s.live.sensors.list(now));
    if (kind === 'peers')
      return Promise.all(states.map((s) => s.live.engine.hostsNaming(q))).then((found) =>
        peersAnswer(q, found.flat()),
      );
    const answers: SearchAnswer[] = states.map((s) => searchLive(s.live, q.toLowerCase(), now));
    const results = answers.flatMap((a) => a.results).sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
    return { results: results.slice(0, SEARCH_LIMIT), total: answers.reduce((n, a) => n + a.total, 0) };
  };
}

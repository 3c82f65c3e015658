/**
 * @module The watchlist's cost on the alert rule: one tick's observations (1,000 hosts, a tenth of them at or above
 * the watched threshold) through the RaiseTracker without a watchlist, against the same with a watchlist of
 * `BENCH_WATCH_ENTRIES` (default 1,000: hosts, CIDR ranges and domains, a third each; domains matched against 20
 * recent events' names per host, as the product reads them), in one run. Also the cost of one alert's hand-off
 * (dossier, STIX bundle, MISP event, TheHive body) with 20 example events. Run: `npx tsx bench/watch-bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_RAISE } from '../server/alerts/alert-rule.js';
import { type Observation, RaiseTracker } from '../server/alerts/raise-tracker.js';
import { buildDossier } from '../server/handoff/dossier.js';
import { mispEvent } from '../server/handoff/misp-export.js';
import { stixBundle } from '../server/handoff/stix-export.js';
import { theHiveAlert } from '../server/handoff/thehive-alert.js';
import { eventNames } from '../server/watch/watchlist.js';
import type { Alert } from '../shared/schemas/alert.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';
import { type WatchEntry, watchIndex, watchMatches } from '../shared/schemas/watch.js';

const ENTRIES = Number(process.env.BENCH_WATCH_ENTRIES ?? 1000);
const TICKS = Number(process.env.BENCH_TICKS ?? 300);
const HOSTS = 1000;

const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const entries: WatchEntry[] = Array.from({ length: ENTRIES }, (_, i) => {
  const kind = (['host', 'cidr', 'domain'] as const)[i % 3]!;
  const value =
    kind === 'host' ? ip(100_000 + i) : kind === 'cidr' ? `172.${i % 256}.${i >> 8}.0/24` : `d${i}.example`;
  return {
    id: `W${i}`,
    kind,
    value,
    reason: 'r',
    expiresAt: Number.MAX_SAFE_INTEGER,
    author: 'a',
    createdAt: 0,
  };
});
const recent = Array.from({ length: 20 }, (_, i) => ({
  query: `host${i}.cdn.example`,
  tls_sni: `api${i}.other.example`,
}));

function observations(tick: number): Observation[] {
  return Array.from({ length: HOSTS }, (_, h) => ({
    entityType: 'host' as const,
    entityId: ip(h),
    segment: 's',
    // a tenth of the hosts sit between the watched and the ordinary threshold
    score: h % 10 === 0 ? 45 : 5 + (h % 30),
    at: tick * 1000,
    reasons: [{ detector: 'volume', feature: 'bytes_out', observed: 1, expected: 0, contribution: 5 }],
  }));
}

function timeTicks(tracker: RaiseTracker): number {
  for (let t = 0; t < 50; t++) tracker.observe(observations(t), t * 1000);
  const batches = Array.from({ length: TICKS }, (_, t) => observations(50 + t));
  const t0 = performance.now();
  for (let t = 0; t < TICKS; t++) tracker.observe(batches[t]!, (50 + t) * 1000);
  return (performance.now() - t0) / TICKS;
}

// as the product asks it: the store's index of the live entries, with a host's recent names when domains are watched
const index = watchIndex(entries, 0);
const watched = (o: Pick<Observation, 'entityId'>) =>
  index.matches({ ip: o.entityId, domains: index.hasDomains ? recent.flatMap(eventNames) : [] });

// the index answers as the list does (a host, a range member, a domain under a watched one, and misses)
const scan = (o: Pick<Observation, 'entityId'>, domains: string[]) =>
  watchMatches(entries, { ip: o.entityId, domains }, 0).length > 0;
for (const [id, domains] of [
  [ip(100_000), []],
  ['172.3.0.9', []],
  ['10.0.0.1', ['x.d2.example']],
  ['10.0.0.1', ['d2.example.org', 'nod2.example']],
  ['10.0.0.2', []],
] as [string, string[]][]) {
  if (index.matches({ ip: id, domains }) !== scan({ entityId: id }, domains))
    throw new Error(`index and list disagree on ${id}`);
}

const rounds: { plain: number; watch: number }[] = [];
for (let r = 0; r < 3; r++) {
  rounds.push({
    plain: timeTicks(new RaiseTracker(DEFAULT_RAISE)),
    watch: timeTicks(new RaiseTracker(DEFAULT_RAISE, watched)),
  });
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
const scanTicks = Number(process.env.BENCH_SCAN_TICKS ?? 3);
const scanned = (() => {
  const tracker = new RaiseTracker(DEFAULT_RAISE, (o) => scan(o, recent.flatMap(eventNames)));
  const t0 = performance.now();
  for (let t = 0; t < scanTicks; t++) tracker.observe(observations(t), t * 1000);
  return (performance.now() - t0) / scanTicks;
})();
const plain = med(rounds.map((r) => r.plain));
const watch = med(rounds.map((r) => r.watch));
console.log(
  `alert rule, ${HOSTS} hosts a tick (a tenth at 45): ${plain.toFixed(3)} ms a tick without a watchlist, ` +
    `${watch.toFixed(3)} ms with ${ENTRIES} entries (${(watch / plain).toFixed(2)}×; medians of 3 rounds of ${TICKS} ticks); ` +
    `scanning the list instead of the index: ${scanned.toFixed(1)} ms a tick`,
);

const alert = {
  id: 'A1',
  key: 'intel:host:10.0.0.1',
  detector: 'intel',
  entity: { type: 'host', id: '10.0.0.1' },
  segment: 'energy',
  severity: 'high',
  state: 'open',
  version: 3,
  score: 80,
  peakScore: 85,
  firstSeen: 1e12,
  lastSeen: 1e12 + 6e4,
  count: 1,
  owner: null,
  ackedAt: null,
  ackExpiresAt: null,
  escalated: false,
  snoozedUntil: null,
  previousId: null,
  notes: [{ at: 1e12, author: 'lead', text: 'note' }],
  snoozedAbove: null,
  resolvedAt: null,
  resolvedBy: null,
  disposition: null,
  active: true,
  raiseReasons: [],
  peakReasons: [],
  reasons: [
    {
      detector: 'intel',
      feature: 'indicator',
      observed: 1,
      expected: 0,
      contribution: 80,
      attack: ['T1071'],
      intel: { indicator: '198.51.100.7', field: 'dst_ip', feed: 'f', id: 'i', confidence: 90, labels: [] },
    },
  ],
} satisfies Alert;
const events = Array.from({ length: 20 }, (_, i) => ({
  ref: `s/${i}-0`,
  event: {
    ts: 1e12 + i,
    sensor: 's',
    kind: 'flow',
    src_ip: '10.0.0.1',
    segment: 'energy',
    dst_ip: `198.51.100.${i}`,
    dst_port: 443,
    proto: 'tcp',
    tls_sni: `h${i}.example`,
  } as NormalizedEvent,
}));
const handoff = () => {
  const d = buildDossier(alert, events, 'https://wf/alerts?id=A1', 1e12 + 1e5);
  return [stixBundle(d), mispEvent(d), theHiveAlert(d)];
};
for (let i = 0; i < 200; i++) handoff();
const t0 = performance.now();
for (let i = 0; i < 2000; i++) handoff();
console.log(
  `one alert's hand-off (dossier, STIX, MISP, TheHive; 20 example events): ${((performance.now() - t0) / 2000).toFixed(3)} ms`,
);

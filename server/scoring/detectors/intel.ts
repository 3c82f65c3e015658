/**
 * @module Intel: an event that matches a known indicator (threat-intelligence feeds, `WF_INTEL`) is evidence against
 * its host. One reason per indicator matched: the indicator, its feed, id, confidence, labels, validity and ATT&CK
 * techniques, the matching events as examples. Contribution follows confidence: from {@link ALERT_CONFIDENCE} one
 * match alerts on its own (through the usual hold); below, it gives half its confidence, which adds to the host's
 * other evidence. Matches fade as IDS signatures do (counts halve every 10 minutes of event time).
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import type { IntelIndex } from '../../intel/intel-index.js';
import { ALERT_CONFIDENCE } from '../../intel/types.js';
import {
  addDecaying,
  type Decaying,
  decayedValue,
  keepRef,
  newDecaying,
  type Recent,
  reason,
  round2,
  touchList,
} from '../evidence.js';
import type { Detector, EvaluateContext } from '../types.js';

const HALF_LIFE = 600_000;
/**
 * What a host that never matched says: one shared empty list (the engine only reads an empty answer), so that the
 * hosts without intel evidence cost no allocation per bucket.
 */
const NO_REASONS = Object.freeze([]) as unknown as Reason[];
/** Indicators remembered per host (the least recently matched are forgotten first). */
const CAP = 8;

/** Points of one fresh match of an indicator of this confidence. */
export function intelPoints(confidence: number): number {
  return confidence >= ALERT_CONFIDENCE ? Math.min(95, confidence) : confidence / 2;
}

interface Match extends Recent {
  /** The matched indicator's value, field and what the feed says of it (copied: state stays plain JSON). */
  value: string;
  field: string;
  feed: string;
  id: string;
  name?: string;
  confidence: number;
  labels: string[];
  attack: string[];
  validUntil?: number;
  n: Decaying;
  refs: string[];
  said: Reason | null;
  /** Matched again since {@link said} was made (its examples are stale). */
  newRefs?: boolean;
}

export interface IntelState {
  matches: Match[];
}

const byContribution = (a: Reason, b: Reason): number => b.contribution - a.contribution;

/** The reason of one remembered match, whole. */
function matchReason(m: Match, n: number, c: number): Reason {
  const r = reason('intel', `indicator ${m.value}`, n, 0, c, m.refs);
  r.attack = m.attack.slice();
  r.intel = {
    indicator: m.value,
    field: m.field,
    feed: m.feed,
    id: m.id,
    confidence: m.confidence,
    labels: m.labels.slice(),
  };
  if (m.name) r.intel.name = m.name;
  if (m.validUntil !== undefined) r.intel.validUntil = m.validUntil;
  return r;
}

/** The detector; `index` gives the current indicator index (replaced on every feed refresh), null when none. */
export function intelDetector(index: () => IntelIndex | null): Detector<IntelState> {
  return {
    id: 'intel',
    entities: ['host'],
    fadesOnly: true,
    init: () => ({ matches: [] }),
    peers(s, visit) {
      for (const m of s.matches) visit(m.value, m.last);
    },
    observe(s, ev: NormalizedEvent, ref) {
      const hits = index()?.match(ev);
      if (!hits) return;
      for (const hit of hits) {
        const ind = hit.indicator;
        // an indicator already remembered is found by its fields (no key is built for a repeat match)
        let m: Match | undefined;
        for (let i = 0; i < s.matches.length; i++) {
          const x = s.matches[i]!;
          if (x.id === ind.id && x.feed === ind.feed) {
            m = x;
            if (ev.ts > m.last) m.last = ev.ts;
            break;
          }
        }
        if (!m) {
          const key = `${ind.feed}\u0000${ind.id}`;
          m = touchList(s.matches, key, ev.ts, CAP, () => ({
            key,
            last: 0,
            value: hit.value,
            field: hit.field,
            feed: ind.feed,
            id: ind.id,
            name: ind.name,
            confidence: ind.confidence,
            labels: ind.labels.slice(0, 10),
            attack: ind.attack.slice(0, 16),
            validUntil: ind.validUntil,
            n: newDecaying(),
            refs: [],
            said: null,
            newRefs: false,
          }));
        }
        addDecaying(m.n, ev.ts, 1, HALF_LIFE);
        m.refs = keepRef(m.refs, ref, 5);
        m.newRefs = true;
      }
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      if (s.matches.length === 0) return NO_REASONS;
      const now = ctx.bucketStart + 1000;
      let reasons: Reason[] | null = null;
      for (const m of s.matches) {
        const n = decayedValue(m.n, now, HALF_LIFE);
        // One match gives its points, fading with time; repeats do not add (the indicator is the evidence).
        const c = intelPoints(m.confidence) * Math.min(n, 1);
        if (c < 1) continue;
        const said = m.said;
        const observed = round2(n);
        const contribution = round2(c);
        let r: Reason;
        if (said && !m.newRefs && said.contribution === contribution && said.observed === observed) r = said;
        else if (said) {
          // the same indicator: only its fading numbers (and examples, after a new match) change
          r = { ...said, observed, contribution };
          if (m.newRefs) r.examples = m.refs.slice(-5);
        } else r = matchReason(m, n, c);
        m.said = r;
        m.newRefs = false;
        if (reasons) reasons.push(r);
        else reasons = [r];
      }
      if (!reasons) return NO_REASONS;
      if (reasons.length > 1) reasons.sort(byContribution);
      return reasons.length > 5 ? reasons.slice(0, 5) : reasons;
    },
  };
}

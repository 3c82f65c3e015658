/**
 * @module IDS: every signature seen on a host adds evidence by its severity and class, more when it repeats
 * (counts halve every 10 minutes of event time); signatures combine as independent evidence, so several
 * signatures weigh more than one. A signature that names malware (a family's C2, a JA3/JA3S fingerprint of a
 * known family) is a threat whatever severity its rule set gives it.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import { IDS_HALF_LIFE_MS } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import {
  addDecaying,
  type Decaying,
  keepRef,
  newDecaying,
  type Recent,
  reason,
  round2,
  touchList,
} from '../evidence.js';
import type { Detector, EvaluateContext } from '../types.js';

const HALF_LIFE = IDS_HALF_LIFE_MS;
/** Points of one alert by severity (1 highest … 4). */
const SEVERITY_POINTS = [0, 50, 30, 12, 3] as const;

/** Points of one alert of a signature naming malware, at least (a severity-2 alert's). */
const MALWARE_FLOOR = SEVERITY_POINTS[2];

/** Whether a signature names malware or a known family's fingerprint (`ET MALWARE …`, `ET JA3 Hash - [Abuse.ch] …`). */
export function namesMalware(signature: string): boolean {
  return /\b(MALWARE|TROJAN|CNC|C2|BACKDOOR|RANSOM\w*|BOTNET|JA3S? HASH)\b|ABUSE\.CH/i.test(signature);
}

/** How much a signature's class counts: threats 1.5, scans 1, informational and protocol noise 0.25. */
export function signatureWeight(signature: string, category = ''): number {
  const s = signature.toUpperCase();
  if (
    /^(ET|ETPRO|GPL) (MALWARE|TROJAN|CNC|EXPLOIT|EXPLOIT_KIT|WORM|CURRENT_EVENTS|ATTACK_RESPONSE|JA3|MOBILE_MALWARE|PHISHING|COINMINING|WEB_SERVER|WEB_SPECIFIC_APPS|DOS)\b/.test(
      s,
    ) ||
    /MALWARE|TROJAN|BACKDOOR|RANSOM|\bC2\b|CNC|EXPLOIT/.test(s) ||
    /trojan|malware|command and control|exploit/i.test(category)
  )
    return 1.5;
  if (/^(ET|GPL) SCAN\b/.test(s) || /SCAN::|SCAN/.test(s)) return 1;
  if (
    /^(ET|ETPRO|GPL) (POLICY|INFO|GAMES|CHAT|P2P|HUNTING|USER_AGENTS|ICMP_INFO|DNS|TOR)\b/.test(s) ||
    /^(SURICATA |ANOMALY:|WEIRD::|SSL::|SOFTWARE::)/.test(s)
  )
    return 0.25;
  return 1;
}

interface Sig extends Recent {
  n: Decaying;
  /** Points of one alert of this signature (severity × class). */
  w: number;
  refs: string[];
  /** ATT&CK techniques its rule names (Suricata `metadata.mitre_technique_id`, the event's `attack`). */
  attack?: string[];
  /** The reason last given for it, given again while its rounded numbers are the same (reasons are immutable). */
  said: Reason | null;
}

export interface IdsState {
  /** Signatures seen, in first-seen order. */
  sigs: Sig[];
}

export function idsDetector(opts: { signatures?: number } = {}): Detector<IdsState> {
  const cap = opts.signatures ?? 12;
  return {
    id: 'ids',
    entities: ['host'],
    kinds: ['ids'],
    fadesOnly: true,
    init: () => ({ sigs: [] }),
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'ids' || !ev.signature) return;
      const key = ev.signature.slice(0, 160);
      const sev = ev.severity ?? 3;
      const points = SEVERITY_POINTS[Math.min(Math.max(sev, 1), 4)]!;
      const weight = signatureWeight(key, ev.category);
      const w = (weight > 1 && namesMalware(key) ? Math.max(points, MALWARE_FLOOR) : points) * weight;
      const sig = touchList(s.sigs, key, ev.ts, cap, () => ({
        key,
        last: 0,
        n: newDecaying(),
        w,
        refs: [],
        said: null,
      }));
      sig.w = Math.max(sig.w, w);
      if (ev.attack) {
        sig.attack ??= [];
        const known = sig.attack;
        for (const t of ev.attack) if (known.length < 16 && !known.includes(t)) known.push(t);
      }
      addDecaying(sig.n, ev.ts, 1, HALF_LIFE);
      sig.refs = keepRef(sig.refs, ref, 3);
      sig.said = null;
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      if (s.sigs.length === 0) return [];
      const now = ctx.bucketStart + 1000;
      const reasons: Reason[] = [];
      // Counts are decayed to `now` as they are read: the signatures not seen since the previous evaluation all
      // decay by the same factor, worked out once.
      let dt = -1;
      let factor = 1;
      for (let i = 0; i < s.sigs.length; i++) {
        const sig = s.sigs[i]!;
        const d = sig.n;
        if (d.t < now) {
          if (now - d.t !== dt) {
            dt = now - d.t;
            factor = 0.5 ** (dt / HALF_LIFE);
          }
          d.v *= factor;
          d.t = now;
        }
        const n = d.v;
        if (n < 0.25) continue;
        // One alert gives its points (scaled by how much of it is left); repeats add up to doubling them.
        const c = Math.min(95, sig.w * Math.min(n, 1) * (1 + Math.min(1, Math.log2(Math.max(n, 1)) / 4)));
        if (c < 1) continue;
        const said = sig.said;
        if (said && said.observed === round2(n) && said.contribution === round2(c)) reasons.push(said);
        else {
          sig.said = reason('ids', sig.key, n, 0, c, sig.refs);
          if (sig.attack) sig.said.attack = sig.attack.slice();
          reasons.push(sig.said);
        }
      }
      if (reasons.length < 2) return reasons;
      reasons.sort((a, b) => b.contribution - a.contribution);
      return reasons.length > 5 ? reasons.slice(0, 5) : reasons;
    },
  };
}

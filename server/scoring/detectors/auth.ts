/**
 * @module Authentication: failure bursts per source, failures over many accounts (spraying), a success right after
 * a burst (the guess that worked), and on the segment, failures of one account from any source.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import {
  addDecaying,
  countSince,
  type Decaying,
  decayedValue,
  keepRef,
  newDecaying,
  reason,
  saturate,
  touch,
} from '../evidence.js';
import type { Detector, EntityType, EvaluateContext } from '../types.js';

const HALF_LIFE = 60_000;
const USER_WINDOW = 300_000;
/** How long a success after a burst keeps its evidence. */
const CAUGHT_MS = 600_000;

interface UserStats {
  last: number;
  fails: Decaying;
}

export interface AuthState {
  fails: Decaying;
  users: Record<string, UserStats>;
  order: string[];
  refs: string[];
  /** A success while failures were high: when, the failures then, the account and the event. */
  success: { at: number; fails: number; user: string; ref: string } | null;
}

export function authDetector(opts: { users?: number } = {}): Detector<AuthState> {
  return {
    id: 'auth',
    entities: ['host', 'segment'],
    init: (type: EntityType) => {
      void type;
      return { fails: newDecaying(), users: {}, order: [], refs: [], success: null };
    },
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'auth') return;
      const user = (ev.user ?? '').slice(0, 64);
      if (ev.outcome === 'failure') {
        addDecaying(s.fails, ev.ts, 1, HALF_LIFE);
        keepRef(s.refs, ref);
        const u = touch(s.users, s.order, user, ev.ts, opts.users ?? 32, () => ({
          last: 0,
          fails: newDecaying(),
        }));
        addDecaying(u.fails, ev.ts, 1, HALF_LIFE);
        return;
      }
      const before = decayedValue(s.fails, ev.ts, HALF_LIFE);
      if (before >= 5 && (!s.success || before > s.success.fails || ev.ts - s.success.at > CAUGHT_MS))
        s.success = { at: ev.ts, fails: before, user, ref };
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const now = ctx.bucketStart + 1000;
      const reasons: Reason[] = [];
      const f = decayedValue(s.fails, now, HALF_LIFE);
      const cF = saturate(f - 4, 8);
      if (cF > 0) reasons.push(reason('auth', 'failures_per_min', f, 1, cF, s.refs, [0, 4]));
      const users = countSince(s.users, now - USER_WINDOW);
      const cU = saturate(users - 3, 4);
      if (cU > 0) reasons.push(reason('auth', 'failed_accounts_5min', users, 1, cU, s.refs, [0, 3]));
      let top: [string, number] | null = null;
      for (const u in s.users) {
        const v = decayedValue(s.users[u]!.fails, now, HALF_LIFE);
        if (!top || v > top[1]) top = [u, v];
      }
      if (top && top[1] > 4 && users > 1) {
        const c = saturate(top[1] - 6, 10);
        if (c > 0)
          reasons.push(reason('auth', `failures_per_min user=${top[0]}`, top[1], 1, c, s.refs, [0, 6]));
      }
      if (s.success && now - s.success.at <= CAUGHT_MS) {
        const c = saturate(s.success.fails - 3, 4);
        const feature = `success_after_failures user=${s.success.user}`;
        reasons.push(
          reason('auth', feature, s.success.fails, 0, c, [...s.refs.slice(-4), s.success.ref], [0, 5]),
        );
      }
      return reasons;
    },
  };
}

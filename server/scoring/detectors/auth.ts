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
  type Recent,
  reason,
  saturate,
  touchList,
} from '../evidence.js';
import type { Detector, EntityType, EvaluateContext } from '../types.js';

const HALF_LIFE = 60_000;
const USER_WINDOW = 300_000;
/** How long a success after a burst keeps its evidence. */
const CAUGHT_MS = 600_000;

interface UserStats extends Recent {
  fails: Decaying;
}

export interface AuthState {
  /** A segment's state: only one account failing from many sources counts there (see evaluate). */
  segment: boolean;
  fails: Decaying;
  /** Accounts with failures, in first-seen order. */
  users: UserStats[];
  refs: string[];
  /** A success while failures were high: when, the failures then, the account and the event. */
  success: { at: number; fails: number; user: string; ref: string } | null;
}

export function authDetector(opts: { users?: number } = {}): Detector<AuthState> {
  return {
    id: 'auth',
    entities: ['host', 'segment'],
    kinds: ['auth'],
    fadesOnly: true,
    init: (type: EntityType) => ({
      segment: type === 'segment',
      fails: newDecaying(),
      users: [],
      refs: [],
      success: null,
    }),
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'auth') return;
      const user = (ev.user ?? '').slice(0, 64);
      if (ev.outcome === 'failure') {
        addDecaying(s.fails, ev.ts, 1, HALF_LIFE);
        s.refs = keepRef(s.refs, ref);
        const u = touchList(s.users, user, ev.ts, opts.users ?? 32, () => ({
          key: user,
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
      const caught = s.success !== null && now - s.success.at <= CAUGHT_MS;
      // Stored counter values bound the decayed ones, and no account's failures exceed the source's (each
      // failure adds to both, and the source's counter is decayed from a time no earlier than the account's).
      if (s.fails.v <= 4 && s.users.length <= 3 && !caught) return [];
      const reasons: Reason[] = [];
      // On a segment, many hosts' ordinary mistyped passwords add up: its failure rate and its count of
      // failing accounts say nothing by themselves. Only one account failing from anywhere in it does.
      if (!s.segment && s.fails.v > 4) {
        const f = decayedValue(s.fails, now, HALF_LIFE);
        const cF = saturate(f - 4, 8);
        if (cF > 0) reasons.push(reason('auth', 'failures_per_min', f, 1, cF, s.refs, [0, 4]));
      }
      const users = countSince(s.users, now - USER_WINDOW);
      const cU = s.segment ? 0 : saturate(users - 3, 4);
      if (cU > 0) reasons.push(reason('auth', 'failed_accounts_5min', users, 1, cU, s.refs, [0, 3]));
      let top: UserStats | null = null;
      let topV = 0;
      // on a host, one account is already its failures_per_min; on a segment it is the point
      const perUser = s.segment ? users >= 1 : users > 1;
      if (perUser && s.fails.v > 3.99) {
        for (let i = 0; i < s.users.length; i++) {
          const u = s.users[i]!;
          const v = decayedValue(u.fails, now, HALF_LIFE);
          if (!top || v > topV) {
            top = u;
            topV = v;
          }
        }
      }
      if (top && topV > 4 && perUser) {
        const c = saturate(topV - 6, 10);
        if (c > 0)
          reasons.push(reason('auth', `failures_per_min user=${top.key}`, topV, 1, c, s.refs, [0, 6]));
      }
      if (!s.segment && s.success && caught) {
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

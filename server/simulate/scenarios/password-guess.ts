/** @module Password guessing: a burst of failed logons against one user (or sprayed over many), then a success. */
import { sensorFor } from '../network-model.js';
import { chance, intBetween, pick, poisson, rngFrom } from '../random.js';
import { type DraftEvent, ephemeralPort } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

export const passwordGuess: ScenarioDefinition = {
  name: 'password-guess',
  defaultDurationMs: 3 * 60_000,
  create(ctx) {
    const { plan } = ctx;
    const rng = rngFrom(ctx.seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['workstation']);
    const dc = pick(rng, segment.byRole['domain-controller']);
    const spray = chance(rng, 0.5);
    const people = segment.byRole.workstation.filter((h) => h !== host).map((h) => h.user);
    const users = spray
      ? ['administrator', 'admin', 'backup', ...Array.from({ length: 27 }, () => pick(rng, people))]
      : [chance(rng, 0.5) ? 'administrator' : pick(rng, people)];
    const winner = pick(rng, users);
    const perSecond = spray ? intBetween(rng, 2, 4) : intBetween(rng, 4, 8);
    const port = pick(rng, [88, 445] as const);
    const successAt = plan.start + Math.round(plan.durationMs * (0.85 + rng() * 0.1));
    const description = spray
      ? `password spray from ${host.name} (${segment.name}) against ${users.length} accounts on ${dc.name}, ` +
        `~${perSecond} failures/s, then a successful logon as ${winner}`
      : `password guessing from ${host.name} (${segment.name}) against ${winner} on ${dc.name}, ` +
        `~${perSecond} failures/s, then a successful logon`;
    const logon = (ts: number, user: string, outcome: 'success' | 'failure', src: number): DraftEvent => ({
      ts,
      sensor: sensorFor(segment, 'auth'),
      kind: 'auth',
      src_ip: host.ip,
      segment: segment.name,
      dst_ip: dc.ip,
      src_port: src,
      dst_port: port,
      proto: 'tcp',
      outcome,
      user,
    });
    return {
      plan,
      truth: truthOf(plan, host, description, dc.ip),
      eventsIn(from, to, r) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const out: DraftEvent[] = [];
        const a = span[0];
        const b = Math.min(span[1], successAt);
        if (a < b) {
          const n = poisson(r, (perSecond * (b - a)) / 1000);
          for (let i = 0; i < n; i++) {
            out.push(logon(a + Math.floor(r() * (b - a)), pick(r, users), 'failure', ephemeralPort(r)));
          }
        }
        if (successAt >= span[0] && successAt < span[1])
          out.push(logon(successAt, winner, 'success', ephemeralPort(r)));
        return out;
      },
    };
  },
};

/**
 * @module Questions a web instance asks every scorer over pub/sub (host detail, search, sensors) and their answers:
 * a host is scored by whichever scorer owns its segment's partition, which the web instance does not know. The web
 * instance waits for every alive scorer's answer, or for the deadline.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

export const ASK_KINDS = ['host', 'search', 'sensors', 'peers'] as const;
export type AskKind = (typeof ASK_KINDS)[number];

const askSchema = z.object({
  id: z.string().max(64),
  from: z.string().max(128),
  kind: z.enum(ASK_KINDS),
  q: z.string().max(256),
});
const replySchema = z.object({ id: z.string(), member: z.string(), data: z.unknown() });

/** How long a web instance waits for the scorers' answers, ms. @default 1000 */
export const ASK_DEADLINE_MS = 1000;

/** The web side: asks, collects answers by question id. */
export class ClusterAsker {
  private readonly waiting = new Map<string, { answers: unknown[]; expected: number; done: () => void }>();

  private constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly member: string,
    private readonly scorers: () => Promise<number>,
  ) {}

  /** `sub` becomes a subscriber connection (nothing else may use it). */
  static async start(o: {
    redis: Redis;
    sub: Redis;
    keys: Keys;
    member: string;
    scorers: () => Promise<number>;
  }): Promise<ClusterAsker> {
    const asker = new ClusterAsker(o.redis, o.keys, o.member, o.scorers);
    const channel = o.keys.clusterReply(o.member);
    await o.sub.subscribe(channel);
    o.sub.on('message', (from: string, text: string) => {
      if (from === channel) asker.onReply(text);
    });
    return asker;
  }

  private onReply(text: string): void {
    let parsed: z.infer<typeof replySchema>;
    try {
      parsed = replySchema.parse(JSON.parse(text));
    } catch {
      return;
    }
    const w = this.waiting.get(parsed.id);
    if (!w) return;
    w.answers.push(parsed.data);
    if (w.answers.length >= w.expected) w.done();
  }

  /** Every alive scorer's answer (those that answered before the deadline). */
  async ask(kind: AskKind, q: string, deadlineMs = ASK_DEADLINE_MS): Promise<unknown[]> {
    const expected = await this.scorers();
    if (expected === 0) return [];
    const id = randomUUID();
    const answers: unknown[] = [];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, deadlineMs);
      this.waiting.set(id, {
        answers,
        expected,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      this.redis
        .publish(this.keys.clusterAsk, JSON.stringify({ id, from: this.member, kind, q }))
        .catch(() => resolve());
    });
    this.waiting.delete(id);
    return answers;
  }
}

/** The scorer side: answers each question from what this scorer holds. `sub` becomes a subscriber connection. */
export async function answerAsks(o: {
  redis: Redis;
  sub: Redis;
  keys: Keys;
  member: string;
  logger: Logger;
  /** An answer, or its promise (who talks to an address is read in slices, letting the scorer's work go on between). */
  answer: (kind: AskKind, q: string) => unknown;
}): Promise<void> {
  await o.sub.subscribe(o.keys.clusterAsk);
  o.sub.on('message', (channel: string, text: string) => {
    if (channel !== o.keys.clusterAsk) return;
    let ask: z.infer<typeof askSchema>;
    try {
      ask = askSchema.parse(JSON.parse(text));
    } catch {
      return;
    }
    const reply = (data: unknown) =>
      o.redis
        .publish(o.keys.clusterReply(ask.from), JSON.stringify({ id: ask.id, member: o.member, data }))
        .catch(() => {});
    void Promise.resolve()
      .then(() => o.answer(ask.kind, ask.q))
      .then(reply, (err: unknown) => {
        o.logger.warn({ err: (err as Error).message, kind: ask.kind }, 'could not answer a cluster question');
        return reply(null);
      });
  });
}

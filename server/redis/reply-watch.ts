/**
 * @module Whether Redis answers, not only whether its connection is up: a server that is frozen, blocked by a long
 * command or behind a network that drops packets keeps its connection open (ioredis stays `ready`) and answers
 * nothing. One PING is kept in flight; while it has gone unanswered for `silentMs`, Redis is taken as unreachable.
 */
import type { Redis } from './connections.js';

/** How long a PING may go unanswered before the screens say Watchfloor's store is not answering. */
export const REDIS_SILENT_MS = 5_000;

export class ReplyWatch {
  /** When the PING in flight was sent (null: none is). */
  private sentAt: number | null = null;

  constructor(
    private readonly redis: Pick<Redis, 'ping'>,
    private readonly silentMs = REDIS_SILENT_MS,
  ) {}

  /** Sends a PING unless one is still in flight; call it every tick. */
  probe(now: number): void {
    if (this.sentAt !== null) return;
    this.sentAt = now;
    const answered = () => {
      this.sentAt = null;
    };
    // a refusal is an answer too (a lost connection is reported by the connection's own status)
    this.redis.ping().then(answered, answered);
  }

  /** Milliseconds the PING in flight has gone unanswered, once that is `silentMs` or more; else 0. */
  silentFor(now: number): number {
    const waited = this.sentAt === null ? 0 : now - this.sentAt;
    return waited >= this.silentMs ? waited : 0;
  }
}

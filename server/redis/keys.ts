/**
 * @module Every Redis key Watchfloor writes, built in one place under the prefix (`WF_PREFIX`, default `wf:`).
 * Input keys (the producers' streams and lists) are not built here: they belong to the producers.
 */

/** Caps (MAXLEN ~) of Watchfloor's own streams. */
export const STREAM_CAPS = {
  dlq: 100_000,
  audit: 5_000_000,
  simTruth: 10_000,
  webhookDeliveries: 10_000,
} as const;

export class Keys {
  constructor(readonly prefix = 'wf:') {}

  /** Dead-lettered input entries: fields source, id, reason, detail, raw. */
  get dlq(): string {
    return `${this.prefix}dlq`;
  }
  /** Hash of shared counters: ingested, rejected, rejected:<reason>, other. */
  get counters(): string {
    return `${this.prefix}counters`;
  }
  /** Marks an `event_id` as seen; value is the entry that first carried it. */
  dedup(source: string, eventId: string): string {
    return `${this.prefix}dedup:${source}:${eventId}`;
  }
  /** Per-segment series history, one hash per hour (fields `<second>:<metric>`). */
  seriesHour(segment: string, hourStartMs: number): string {
    return `${this.prefix}series:${segment}:${hourStartMs}`;
  }
  /** Set of segments that have history. */
  get seriesSegments(): string {
    return `${this.prefix}series:segments`;
  }
  user(username: string): string {
    return `${this.prefix}user:${username}`;
  }
  /** Set of all usernames. */
  get users(): string {
    return `${this.prefix}users`;
  }
  /** One session, under the sha256 of its cookie's secret (which is also its public handle). */
  session(handle: string): string {
    return `${this.prefix}session:${handle}`;
  }
  /** Set of a user's session handles, so disabling a user ends them all (expired ones pruned when read). */
  userSessions(username: string): string {
    return `${this.prefix}user-sessions:${username}`;
  }
  /** Set of every session handle, for the admin's list (expired ones pruned when read). */
  get sessions(): string {
    return `${this.prefix}sessions`;
  }
  /** API tokens: hash id → JSON (with the token's hash); sha256(token) → id; name → id; id → last use JSON. */
  get apiTokens(): string {
    return `${this.prefix}api-tokens`;
  }
  get apiTokenByHash(): string {
    return `${this.prefix}api-tokens:by-hash`;
  }
  get apiTokenByName(): string {
    return `${this.prefix}api-tokens:by-name`;
  }
  get apiTokenUse(): string {
    return `${this.prefix}api-tokens:used`;
  }
  /** Requests counted in one fixed window of a rate limit (`scope` names who is limited). */
  rateWindow(scope: string): string {
    return `${this.prefix}rate:${scope}`;
  }
  /** A user's second factor: hash `secret` (confirmed), `pending` (being enrolled), `lastStep`, `enrolledAt`. */
  totp(username: string): string {
    return `${this.prefix}totp:${username}`;
  }
  /** A user's unused recovery codes, as sha256 hashes (a set: each removed when used). */
  totpRecovery(username: string): string {
    return `${this.prefix}totp-recovery:${username}`;
  }
  /** A single sign-on in progress, by its `state`: PKCE verifier, nonce and where to go after (10 minutes). */
  oidcFlow(state: string): string {
    return `${this.prefix}oidc-flow:${state}`;
  }
  /** Sign-in policy (JSON): second factor per role, whether a new sign-in ends the others. */
  get accountPolicy(): string {
    return `${this.prefix}account-policy`;
  }
  loginAttempts(scope: string): string {
    return `${this.prefix}login-attempts:${scope}`;
  }
  /** Ground truth of the simulator's injected scenarios. */
  get simTruth(): string {
    return `${this.prefix}sim:truth`;
  }
  /** Socket.IO Redis Streams adapter stream. */
  get socketStream(): string {
    return `${this.prefix}socket.io`;
  }
  /**
   * What Watchfloor keeps about one input stream of a group (hash): `group` (it consumed the stream once, so a
   * missing group means the stream was deleted), `acked` (entries acknowledged, counted in the acknowledging MULTI),
   * `base` and `lostSeen` (the loss to trimming when first looked at, and as last reported).
   */
  ingestState(group: string, stream: string): string {
    return `${this.prefix}ingest:${group}:${stream}`;
  }
  /** Per-consumer processing list for reliable list consumption. */
  listProcessing(list: string, consumer: string): string {
    return `${this.prefix}processing:${list}:${consumer}`;
  }
  /** Counter numbering the batches taken from a list. */
  listBatchSeq(list: string): string {
    return `${this.prefix}processing-seq:${list}`;
  }
  /**
   * One alert: hash with `core` (lifecycle JSON), `evidence` (score JSON), `version`, `state`, `previous` (id of the
   * alert before it for the same key, or empty).
   */
  alert(id: string): string {
    return `${this.prefix}alert:${id}`;
  }
  get alertSeq(): string {
    return `${this.prefix}alerts:seq`;
  }
  /** Dedup key (detector + entity) → id of its unresolved alert. */
  get alertByKey(): string {
    return `${this.prefix}alerts:by-key`;
  }
  /** Dedup key → id of its latest alert (for `previousId`). */
  get alertLastByKey(): string {
    return `${this.prefix}alerts:last-by-key`;
  }
  /** Sorted sets of alert ids: unresolved by first seen, resolved by resolution time. */
  get alertsUnresolved(): string {
    return `${this.prefix}alerts:unresolved`;
  }
  get alertsResolved(): string {
    return `${this.prefix}alerts:resolved`;
  }
  /** Suppression rules: hash id → JSON. */
  get rules(): string {
    return `${this.prefix}rules`;
  }
  /** Display tokens: hash id → JSON (with the token's hash), and sha256(token) → id. */
  get displayTokens(): string {
    return `${this.prefix}display-tokens`;
  }
  get displayTokenByHash(): string {
    return `${this.prefix}display-tokens:by-hash`;
  }
  /** Notes on a host (list of JSON, newest first). */
  hostNotes(ip: string): string {
    return `${this.prefix}host-notes:${ip}`;
  }
  /** The watchlist: hash id → JSON entry (host, CIDR or domain, reason, expiry). */
  get watchlist(): string {
    return `${this.prefix}watchlist`;
  }
  /** Saved hunts, shared by the team: hash id → JSON (name, filters, author). */
  get hunts(): string {
    return `${this.prefix}hunts`;
  }
  /** Admin settings (JSON). */
  get settings(): string {
    return `${this.prefix}settings`;
  }
  /** Webhook deliveries (capped stream). */
  get webhookDeliveries(): string {
    return `${this.prefix}webhook-deliveries`;
  }
  get audit(): string {
    return `${this.prefix}audit`;
  }
  /** One alert's audit index: list of the audit entry ids about it, oldest first. */
  alertAudit(id: string): string {
    return `${this.prefix}alert-audit:${id}`;
  }
}

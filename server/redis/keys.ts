/**
 * @module Every Redis key Watchfloor writes, built in one place under the prefix (`WF_PREFIX`, default `wf:`).
 * Input keys (the producers' streams and lists) are not built here: they belong to the producers.
 *
 * On a Redis Cluster a script or a MULTI may only touch keys of one slot. A partition's keys share a hash tag of
 * their own (`wf:{wf:p3}:lease`), so partitions spread over the masters; every other key is used together with
 * others (an alert, its indexes and its audit record; counters and dead letters), so on a cluster the prefix itself is
 * the hash tag of all of them (`{wf:}counters`): one slot, one master. An input list's processing list and batch
 * counter are written with the list in one script, so on a cluster they carry the list's own slot as their tag
 * (`{suricata}wf:processing:suricata:c1`), and so do the event-id marks of an input (`dedup`), set per event. On one
 * Redis the names stay as they were.
 */

/** Caps (MAXLEN ~) of Watchfloor's own streams. */
export const STREAM_CAPS = {
  dlq: 100_000,
  audit: 5_000_000,
  simTruth: 10_000,
  webhookDeliveries: 10_000,
  /**
   * Entries (each a batch of up to WF_BATCH events) per partition stream. Its owner trims what its last snapshot
   * covers, so this only bounds a backlog while no scorer reads it: at 60 events an entry, 3M events per partition.
   */
  partition: 50_000,
} as const;

/**
 * The part of a key that Redis Cluster hashes to find its slot: the content of its hash tag (the first `{` and the
 * first `}` after it, with something between them), else the whole key.
 */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return key.slice(open + 1, close);
  }
  return key;
}

/**
 * The hash tag that puts a key of ours in the slot of `key` (a producer's): `{` the part Redis hashes of it `}`.
 * Null when that part holds a `}` (a key such as `a}b`, hashed whole), which no tag can carry.
 */
export function slotTagOf(key: string): string | null {
  const part = hashedPart(key);
  return part.includes('}') ? null : `{${part}}`;
}

export class Keys {
  /** What every key but a partition's starts with: the prefix, as a hash tag on a cluster. */
  private readonly p: string;
  private readonly cluster: boolean;

  /** `hashTag`: keys for a Redis Cluster (`REDIS_CLUSTER_NODES`). */
  constructor(
    readonly prefix = 'wf:',
    opts: { hashTag?: boolean } = {},
  ) {
    this.cluster = opts.hashTag === true;
    this.p = this.cluster ? `{${prefix}}` : prefix;
  }

  /**
   * Hash of the example events alerts stand on, by ref (`<stream>/<entry id>`) → the decoded event as JSON: copied
   * when an alert is raised or reaches a new peak, so its evidence outlives the input stream's trimming.
   */
  get keptEvents(): string {
    return `${this.p}kept-events`;
  }
  /** Dead-lettered input entries: fields source, id, reason, detail, raw. */
  get dlq(): string {
    return `${this.p}dlq`;
  }
  /** Hash of shared counters: ingested, rejected, rejected:<reason>, other. */
  get counters(): string {
    return `${this.p}counters`;
  }
  /** The one process's scoring state (`WF_ROLES` all three), saved for its next start (server/engine-snapshots.ts). */
  get engineSnapshot(): string {
    return `${this.p}engine:snapshot`;
  }
  /**
   * Marks an `event_id` as seen; value is the entry that first carried it. Set per event, one pipeline per delivery
   * and alone, so on a cluster it goes with its input key's slot (`{suricata}wf:dedup:suricata:<id>`; Watchfloor's
   * slot for an input key no tag can name): the busiest of Watchfloor's keys spread with the inputs.
   */
  dedup(source: string, eventId: string): string {
    return `${this.inputSlot(source) ?? this.p}dedup:${source}:${eventId}`;
  }
  /** Per-segment series history, one hash per hour (fields `<second>:<metric>`). */
  seriesHour(segment: string, hourStartMs: number): string {
    return `${this.p}series:${segment}:${hourStartMs}`;
  }
  /**
   * Sensors' history: one hash per hour and sensor, fields the hour's 10 s buckets (`0`–`359`) → events received
   * (the sensor's name last, so that no name can reach into the prefix).
   */
  sensorRateHour(hourStartMs: number, sensor: string): string {
    return `${this.p}sensor-rate:${hourStartMs}:${sensor}`;
  }
  /** Each sensor's events received in one hour (a sorted set): which were busiest in a window. */
  sensorRateTotals(hourStartMs: number): string {
    return `${this.p}sensor-rate:${hourStartMs}`;
  }
  /** Set of segments that have history. */
  get seriesSegments(): string {
    return `${this.p}series:segments`;
  }
  user(username: string): string {
    return `${this.p}user:${username}`;
  }
  /** Set of all usernames. */
  get users(): string {
    return `${this.p}users`;
  }
  /**
   * Which process made the first start's demo accounts and wall link (set once, never expires): several processes
   * starting together on an empty Redis make them once, printed in one log.
   */
  get firstStart(): string {
    return `${this.p}first-start`;
  }
  /** Held (a token, a few seconds at most) while an account change reads the accounts before writing one. */
  get usersLock(): string {
    return `${this.p}users:lock`;
  }
  /** One session, under the sha256 of its cookie's secret (which is also its public handle). */
  session(handle: string): string {
    return `${this.p}session:${handle}`;
  }
  /** Set of a user's session handles, so disabling a user ends them all (expired ones pruned when read). */
  userSessions(username: string): string {
    return `${this.p}user-sessions:${username}`;
  }
  /** Set of every session handle, for the admin's list (expired ones pruned when read). */
  get sessions(): string {
    return `${this.p}sessions`;
  }
  /** API tokens: hash id → JSON (with the token's hash); sha256(token) → id; name → id; id → last use JSON. */
  get apiTokens(): string {
    return `${this.p}api-tokens`;
  }
  get apiTokenByHash(): string {
    return `${this.p}api-tokens:by-hash`;
  }
  get apiTokenByName(): string {
    return `${this.p}api-tokens:by-name`;
  }
  get apiTokenUse(): string {
    return `${this.p}api-tokens:used`;
  }
  /** Requests counted in one fixed window of a rate limit (`scope` names who is limited). */
  rateWindow(scope: string): string {
    return `${this.p}rate:${scope}`;
  }
  /** A user's second factor: hash `secret` (confirmed), `pending` (being enrolled), `lastStep`, `enrolledAt`. */
  totp(username: string): string {
    return `${this.p}totp:${username}`;
  }
  /** A user's unused recovery codes, as sha256 hashes (a set: each removed when used). */
  totpRecovery(username: string): string {
    return `${this.p}totp-recovery:${username}`;
  }
  /** A single sign-on in progress, by its `state`: PKCE verifier, nonce and where to go after (10 minutes). */
  oidcFlow(state: string): string {
    return `${this.p}oidc-flow:${state}`;
  }
  /** Sign-in policy (JSON): second factor per role, whether a new sign-in ends the others. */
  get accountPolicy(): string {
    return `${this.p}account-policy`;
  }
  loginAttempts(scope: string): string {
    return `${this.p}login-attempts:${scope}`;
  }
  /** Ground truth of the simulator's injected scenarios. */
  get simTruth(): string {
    return `${this.p}sim:truth`;
  }
  /** Socket.IO Redis Streams adapter stream. */
  get socketStream(): string {
    return `${this.p}socket.io`;
  }
  /**
   * What Watchfloor keeps about one input stream of a group (hash): `group` (it consumed the stream once, so a
   * missing group means the stream was deleted), `acked` (entries acknowledged, counted in the acknowledging MULTI),
   * `base` and `lostSeen` (the loss to trimming when first looked at, and as last reported).
   */
  ingestState(group: string, stream: string): string {
    return `${this.p}ingest:${group}:${stream}`;
  }
  /**
   * On a Redis Cluster, where the acknowledgement (in the input key's slot) cannot share the MULTI that records a
   * batch's effect: the entries of one input stream whose effect is recorded, until acknowledged (hash entry id → 1).
   */
  ingestRecorded(group: string, stream: string): string {
    return `${this.p}ingest-recorded:${group}:${stream}`;
  }
  /**
   * Per-consumer processing list for reliable list consumption. It and the batch counter are written with the input
   * list in one script, so on a cluster they lead with the list's slot tag (`{suricata}wf:processing:suricata:c1`).
   */
  listProcessing(list: string, consumer: string): string {
    return `${this.listStart(list)}processing:${list}:${consumer}`;
  }
  /** Counter numbering the batches taken from a list. */
  listBatchSeq(list: string): string {
    return `${this.listStart(list)}processing-seq:${list}`;
  }
  /**
   * On a Redis Cluster, where deleting a processing list (the list's slot) cannot share the MULTI that records its
   * batch's effect: the elements of the batch in one consumer's processing list whose effect is recorded, until the
   * processing list is deleted (hash element id `<batch>.<index>` → when, ms).
   */
  listRecorded(list: string, consumer: string): string {
    return `${this.p}list-recorded:${list}:${consumer}`;
  }
  /** What a list's own keys start with: on a cluster the list's slot tag before the prefix, else the prefix. */
  private listStart(list: string): string {
    if (!this.cluster) return this.prefix;
    const start = this.inputSlot(list);
    if (start === null) throw new Error(`input list ${JSON.stringify(list)} has no slot tag (see slotTagOf)`);
    return start;
  }
  /** On a cluster, the start of a key of ours in input key `key`'s slot (its tag, then the prefix), if a tag names it. */
  private inputSlot(key: string): string | null {
    const tag = this.cluster ? slotTagOf(key) : null;
    return tag === null ? null : tag + this.prefix;
  }
  /**
   * One alert: hash with `core` (lifecycle JSON), `evidence` (score JSON), `version`, `state`, `previous` (id of the
   * alert before it for the same key, or empty).
   */
  alert(id: string): string {
    return `${this.p}alert:${id}`;
  }
  get alertSeq(): string {
    return `${this.p}alerts:seq`;
  }
  /** Dedup key (detector + entity) → id of its unresolved alert. */
  get alertByKey(): string {
    return `${this.p}alerts:by-key`;
  }
  /** Dedup key → id of its latest alert (for `previousId`). */
  get alertLastByKey(): string {
    return `${this.p}alerts:last-by-key`;
  }
  /** Sorted sets of alert ids: unresolved by first seen, resolved by resolution time. */
  get alertsUnresolved(): string {
    return `${this.p}alerts:unresolved`;
  }
  get alertsResolved(): string {
    return `${this.p}alerts:resolved`;
  }
  /** Suppression rules: hash id → JSON. */
  get rules(): string {
    return `${this.p}rules`;
  }
  /** Display tokens: hash id → JSON (with the token's hash), and sha256(token) → id. */
  get displayTokens(): string {
    return `${this.p}display-tokens`;
  }
  get displayTokenByHash(): string {
    return `${this.p}display-tokens:by-hash`;
  }
  /** Notes on a host (list of JSON, newest first). */
  hostNotes(ip: string): string {
    return `${this.p}host-notes:${ip}`;
  }
  /** The watchlist: hash id → JSON entry (host, CIDR or domain, reason, expiry). */
  get watchlist(): string {
    return `${this.p}watchlist`;
  }
  /** Held while an entry is added (one entry per value: the check and the write are not interleaved). */
  get watchlistLock(): string {
    return `${this.p}watchlist:lock`;
  }
  /** Saved hunts, shared by the team: hash id → JSON (name, filters, author). */
  get hunts(): string {
    return `${this.p}hunts`;
  }
  /**
   * The written handover: this shift's summary being written (hash `summary`, `onWall`, `version`, `updatedAt`,
   * `updatedBy`), the open watch-for items (hash id → JSON), and the shifts handed over (list of JSON, newest first).
   */
  get handoverDraft(): string {
    return `${this.p}handover:draft`;
  }
  get handoverItems(): string {
    return `${this.p}handover:items`;
  }
  get handoverShifts(): string {
    return `${this.p}handover:shifts`;
  }
  /** Admin settings (JSON). */
  get settings(): string {
    return `${this.p}settings`;
  }
  /** Webhook deliveries (capped stream). */
  get webhookDeliveries(): string {
    return `${this.p}webhook-deliveries`;
  }
  get audit(): string {
    return `${this.p}audit`;
  }
  /**
   * A partition's keys share one hash tag, so a script on them never crosses a Redis Cluster slot: `events` (the
   * stream ingest routes to; field `b`, a JSON batch), `lease` (`<member> <token>`, expiring), `fence` (the token
   * counter), `snapshot` (the owner's state with its stream position), `part` (the owner's share of the last tick).
   */
  partition(n: number, what: 'events' | 'lease' | 'fence' | 'snapshot' | 'part'): string {
    return `${this.prefix}{${this.prefix}p${n}}:${what}`;
  }
  /** Cluster members: hash id → JSON {id, roles, partitions, lastSeen, eventsPerSec}. */
  get clusterMembers(): string {
    return `${this.p}cluster:members`;
  }
  /** Pub/sub channel on which web instances ask the scorers (host detail, search, sensors). */
  get clusterAsk(): string {
    return `${this.p}cluster:ask`;
  }
  /** Pub/sub channel on which scorers answer one member. */
  clusterReply(member: string): string {
    return `${this.p}cluster:reply:${member}`;
  }
  /** One alert's audit index: list of the audit entry ids about it, oldest first. */
  alertAudit(id: string): string {
    return `${this.p}alert-audit:${id}`;
  }
}

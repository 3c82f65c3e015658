/** @module The environment, parsed once with zod into a frozen, documented configuration. */

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { cidrMatcher } from '../shared/ip.js';
import { type Pivot, pivotFileSchema } from '../shared/pivots.js';
import { hasUserInfo, redactUrl } from '../shared/redact-url.js';
import { type Role, roleSchema } from '../shared/roles.js';
import { PROCESS_ROLES, type ProcessRole } from '../shared/schemas/cluster.js';
import { TOKEN_MIN_SECRET, TOKEN_PREFIX } from './auth/bearer.js';
import { INPUT_FORMATS, type InputFormat } from './ingest/decoders/types.js';
import { type FeedSpec, parseFeedSpecs } from './intel/feed-spec.js';
import { slotTagOf } from './redis/keys.js';

/** One input key and how to read it: `key`, `key=format` or `key=format:field`. */
export interface InputSource {
  key: string;
  format: InputFormat;
  /** Field holding the record; null means the format's default. */
  field: string | null;
}

export interface SegmentRule {
  cidr: string;
  segment: string;
}

const DEFAULT_FIELD: Record<InputFormat, string> = { native: 'event', eve: 'eve', zeek: 'zeek', auto: '' };

function parseSources(text: string, ctx: z.RefinementCtx): InputSource[] {
  const out: InputSource[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^=\s]+)(?:=([a-z]+)(?::([^\s]+))?)?$/.exec(part);
    const format = (m?.[2] ?? 'native') as InputFormat;
    if (!m || !INPUT_FORMATS.includes(format)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${part}" is not key, key=format or key=format:field (formats: ${INPUT_FORMATS.join(', ')})`,
      });
      return z.NEVER;
    }
    out.push({ key: m[1]!, format, field: m[3] ?? null });
  }
  return out;
}

/** `WF_SEGMENTS`: inline `10.1.0.0/16=energy,10.2.0.0/16=health`, or a path to a JSON file `{ "cidr": "segment" }`. */
function parseSegments(text: string, ctx: z.RefinementCtx): SegmentRule[] {
  let pairs: [string, string][];
  if (text.trim() === '') return [];
  if (!text.includes('=')) {
    try {
      pairs = Object.entries(JSON.parse(readFileSync(text, 'utf8')) as Record<string, string>);
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        message: `cannot read segment map file ${text}: ${(err as Error).message}`,
      });
      return z.NEVER;
    }
  } else {
    pairs = text.split(',').map((p) => {
      const [cidr = '', segment = ''] = p.split('=').map((s) => s.trim());
      return [cidr, segment];
    });
  }
  for (const [cidr, segment] of pairs) {
    if (!cidrMatcher(cidr) || !/^[\w.-]{1,64}$/.test(segment)) {
      ctx.addIssue({ code: 'custom', message: `"${cidr}=${segment}" is not CIDR=segment` });
      return z.NEVER;
    }
  }
  return pairs.map(([cidr, segment]) => ({ cidr, segment }));
}

/** `WF_PIVOTS`: a JSON file of `{name, url}` templates, each checked (http(s) only, known placeholders). */
function parsePivots(path: string, ctx: z.RefinementCtx): Pivot[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `cannot read pivot file ${path}: ${(err as Error).message}` });
    return z.NEVER;
  }
  const parsed = pivotFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      i.path.length > 0 ? `entry ${String(i.path[0])}: ${i.message}` : i.message,
    );
    ctx.addIssue({ code: 'custom', message: `pivot file ${path}: ${problems.join('; ')}` });
    return z.NEVER;
  }
  return parsed.data;
}

/** Single sign-on, when WF_OIDC_ISSUER is set. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Exactly one of the secret and the private key file is set. */
  clientSecret: string | null;
  /** Path of a PKCS#8 PEM key for private_key_jwt. */
  privateKeyFile: string | null;
  usernameClaim: string;
  roleClaim: string;
  /** Group → role. */
  roles: Readonly<Record<string, Role>>;
  scopes: string;
}

/** `soc-leads=lead,soc-admins=admin,soc=operator` → `{soc-leads: 'lead', …}`. */
function parseRoleMap(text: string, ctx: z.RefinementCtx): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const role = roleSchema.safeParse(part.slice(eq + 1).trim());
    if (eq <= 0 || !role.success) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not group=operator|lead|admin` });
      return z.NEVER;
    }
    out[part.slice(0, eq).trim()] = role.data;
  }
  return out;
}

function parseRoles(text: string, ctx: z.RefinementCtx): ProcessRole[] {
  const parts = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const bad = parts.filter((p) => !(PROCESS_ROLES as readonly string[]).includes(p));
  if (bad.length || parts.length === 0) {
    ctx.addIssue({ code: 'custom', message: `roles are a comma list of ${PROCESS_ROLES.join(', ')}` });
    return z.NEVER;
  }
  return PROCESS_ROLES.filter((r) => parts.includes(r));
}

/** One node of a Redis Cluster: `host:port` (IPv6 hosts in brackets). */
export interface ClusterNode {
  host: string;
  port: number;
}

/** `REDIS_CLUSTER_NODES`: `host:port,host:port,…`, the seed nodes of a Redis Cluster (any masters; the rest is found). */
function parseClusterNodes(text: string, ctx: z.RefinementCtx): ClusterNode[] {
  const out: ClusterNode[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(part);
    const port = Number(m?.[2]);
    if (!m || port < 1 || port > 65_535) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not host:port` });
      return z.NEVER;
    }
    out.push({ host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port });
  }
  return out;
}

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  /** Redis URL; `rediss://` and passwords work. @default redis://127.0.0.1:6379 */
  REDIS_URL: z
    .string()
    .url()
    .refine((u) => /^rediss?:\/\//i.test(u), 'must be a redis:// or rediss:// URL')
    // the database, when given, is a number (`redis://host:6379/2`); ioredis fell back to database 0 otherwise
    .refine(
      (u) => !URL.canParse(u) || /^\/?(\d{1,5})?$/.test(new URL(u).pathname),
      'its path is a database number (redis://host:6379/2)',
    )
    .default('redis://127.0.0.1:6379'),
  /**
   * A Redis Cluster's seed nodes, `host:port,…`: every part runs against the cluster (REDIS_URL then only gives the
   * password and TLS, `rediss://`). @default unset (one Redis at REDIS_URL)
   */
  REDIS_CLUSTER_NODES: z.string().default('').transform(parseClusterNodes),
  /** HTTP and Socket.IO port. @default 8080 */
  PORT: int(0, 65535).default(8080),
  /** Public base URL, used in printed wall links. @default http://localhost:PORT */
  WF_PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\/[^/]/.test(u), 'an http(s) URL (wall links and webhook texts are made of it)')
    .optional(),
  /** Input streams: `key`, `key=format` or `key=format:field`, comma-separated. @default telemetry */
  WF_STREAMS: z.string().default('telemetry').transform(parseSources),
  /** Input lists, same syntax. @default none */
  WF_LISTS: z.string().default('').transform(parseSources),
  /** Consumer group. @default watchfloor */
  WF_GROUP: z.string().min(1).max(64).default('watchfloor'),
  /** Consumer name within the group. @default the host name and port */
  WF_CONSUMER: z.string().min(1).max(128).optional(),
  /** Prefix of every key Watchfloor writes. @default wf: */
  WF_PREFIX: z.string().max(32).default('wf:'),
  /** Where a new group starts: `$` (new entries only) or `0` (history). @default $ */
  WF_START: z.enum(['$', '0']).default('$'),
  /** Deliveries after which an entry is dead-lettered. @default 5 */
  WF_MAX_DELIVERIES: int(1, 1000).default(5),
  /** How long an event_id is remembered to drop repeats, s (about 150 bytes of Redis per id held). @default 600 */
  WF_DEDUP_TTL_S: int(1, 7 * 86_400).default(600),
  /** Entries per XREADGROUP. @default 500 */
  WF_BATCH: int(1, 10_000).default(500),
  /** BLOCK time of a stream read, ms (readiness allows three of them without a completed read). @default 2000 */
  WF_BLOCK_MS: int(100, 60_000).default(2000),
  /**
   * How long after its end a second's bucket stays open for late and out-of-order events, ms: an event later than
   * this (a producer's delay, or a process that fell behind and stalled longer) counts in its entity's next bucket.
   * @default 1000
   */
  WF_GRACE_MS: int(0, 60_000).default(1000),
  /** Wait between polls of empty input lists, ms. @default 100 */
  WF_LIST_IDLE_MS: int(10, 60_000).default(100),
  /** Pending entries idle longer than this (ms) are reclaimed from dead consumers. @default 30000 */
  WF_RECLAIM_IDLE_MS: int(1000, 3_600_000).default(30_000),
  /** Events further ahead of the clock than this (ms) are tagged skewed. @default 300000 (5 min) */
  WF_MAX_FUTURE: int(0, 86_400_000).default(300_000),
  /** Segments producers may name (beyond the CIDR map's); a new one past it is dead-lettered. @default 256 */
  WF_MAX_SEGMENTS: int(1, 100_000).default(256),
  /** Frame interval, ms. @default 1000 */
  WF_TICK_MS: int(50, 60_000).default(1000),
  /** Run the built-in simulator. @default 1 */
  WF_SIMULATE: bool.default(true),
  /** Simulator rate, events/s. @default 300 */
  WF_SIM_RATE: int(1, 1_000_000).default(300),
  /** CIDR → segment map, inline or a JSON file path. @default none (the simulator adds its own) */
  WF_SEGMENTS: z.string().default('').transform(parseSegments),
  /** Asset inventory: a JSON file mapping IPs or CIDRs to {name, owner, criticality}. @default none */
  WF_ASSETS: z.string().optional(),
  /**
   * Trust X-Forwarded-* from a reverse proxy (Express `trust proxy` value: a hop count, or `loopback`, `linklocal`,
   * `uniquelocal`, addresses and CIDRs separated by commas); cookies become Secure. @default off
   */
  WF_TRUST_PROXY: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || trustedProxies(v),
      'a hop count, or loopback, linklocal, uniquelocal, addresses and CIDRs separated by commas',
    ),
  /** Idle session lifetime, minutes. @default 720 */
  WF_SESSION_IDLE_MIN: int(1, 525_600).default(720),
  /**
   * Seconds between each instance's checks that its sockets' sessions still hold (a screen that only listens is
   * closed within this of its session's end by idle expiry or a single sign-on end; a logout closes it at once).
   * @default 30
   */
  WF_SESSION_CHECK_S: int(1, 3600).default(30),
  /** Requests per minute each API token may make (its own limit; 429 past it). @default 600 */
  WF_API_TOKEN_RATE: int(1, 1_000_000).default(600),
  /** OIDC issuer (discovery at `<issuer>/.well-known/openid-configuration`); unset: no single sign-on. */
  WF_OIDC_ISSUER: z.string().url().optional(),
  WF_OIDC_CLIENT_ID: z.string().min(1).max(256).optional(),
  /** Client secret (client_secret_basic); or WF_OIDC_PRIVATE_KEY. */
  WF_OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  /** A PKCS#8 PEM file (RSA: RS256, or EC P-256: ES256) for private_key_jwt client authentication. */
  WF_OIDC_PRIVATE_KEY: z.string().min(1).max(4096).optional(),
  /** Claim that names the user. @default preferred_username */
  WF_OIDC_USERNAME_CLAIM: z.string().min(1).max(64).default('preferred_username'),
  /** Claim that carries the groups (a list or a string). @default groups */
  WF_OIDC_ROLE_CLAIM: z.string().min(1).max(64).default('groups'),
  /** Group → role: `soc-leads=lead,soc-admins=admin,soc=operator`; the highest mapped role wins. @default none */
  WF_OIDC_ROLES: z.string().default('').transform(parseRoleMap),
  /** Scopes asked for. @default openid profile email */
  WF_OIDC_SCOPES: z.string().default('openid profile email'),
  /** Local passwords: `all`, `admin` (break-glass admins only) or `off`. @default all */
  WF_LOCAL_LOGIN: z.enum(['all', 'admin', 'off']).default('all'),
  /** Series history retention, hours. @default 48 */
  WF_SERIES_RETENTION_H: int(1, 24 * 400).default(48),
  /** Folder of the private redis-server's data. @default ./data */
  WF_DATA_DIR: z.string().default('data'),
  /** Start a private redis-server under WF_DATA_DIR when nothing answers at REDIS_URL. @default 1 */
  WF_AUTO_REDIS: bool.default(true),
  /** Classification banner text and colour. */
  WF_CLASSIFICATION: z.string().max(120).default('UNCLASSIFIED // DEMO'),
  WF_CLASSIFICATION_COLOUR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#2e7d32'),
  /** Webhook URLs for new critical alerts and escalations, comma-separated (admins can change them). @default none */
  WF_WEBHOOKS: z
    .string()
    .default('')
    .transform((t) =>
      t
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .url()
          // fetch refuses user info: such a webhook failed on every alert (and its password was shown with it)
          .refine((u) => !hasUserInfo(u), {
            error: (i) =>
              `${redactUrl(String(i.input))} carries a user name or password (user:password@), which is never delivered to; put the secret in the path`,
          }),
      ),
    ),
  /** First webhook retry delay, ms; later ones double (five retries). @default 1000 */
  WF_WEBHOOK_RETRY_MS: int(10, 600_000).default(1000),
  /** Group lag (entries) above which an ingest-lag alert is raised. @default 50000 */
  WF_LAG_ALERT: int(1, 1e9).default(50_000),
  /** Dead letters per minute above which a DLQ-growth alert is raised. @default 100 */
  WF_DLQ_ALERT_PER_MIN: int(1, 1e9).default(100),
  /** Threat-intelligence feeds: `stix:PATH|URL`, `misp:DIR|URL`, `list:PATH|URL` or a bare path/URL. @default none */
  WF_INTEL: z
    .string()
    .default('')
    .transform((t, ctx) => {
      try {
        return parseFeedSpecs(t);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * Warninglists of benign values (MISP `list.json` files, folders of them, or plain lists), comma-separated: an
   * indicator naming one is left out of matching. Reloaded with the feeds. @default none
   */
  WF_INTEL_WARNINGLISTS: z
    .string()
    .default('')
    .transform((t) =>
      t
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    ),
  /** Seconds between reloads of every feed. @default 300 */
  WF_INTEL_REFRESH_S: int(10, 86_400).default(300),
  /** A MaxMind-format country or city database (GeoLite2/GeoIP2, DB-IP lite…), read at start and again when the file changes. @default none */
  WF_GEOIP_DB: z.string().min(1).max(4096).optional(),
  /** A MaxMind-format autonomous-system database (GeoLite2-ASN, DB-IP ASN lite…), read at start and again when the file changes. @default none */
  WF_ASN_DB: z.string().min(1).max(4096).optional(),
  /** Seconds between checks of the geo databases' files (a changed file is read again). @default 60 */
  WF_GEO_CHECK_S: int(1, 86_400).default(60),
  /** Event time a host or segment learns the countries and ASes it talks to before one can be a first contact, s. @default 3600 */
  WF_FIRST_CONTACT_BASELINE_S: int(10, 30 * 86_400).default(3600),
  /** Bearer token a Prometheus scraper sends for /metrics: `wfm_` and at least 32 random characters. */
  WF_METRICS_TOKEN: z
    .string()
    .regex(
      new RegExp(`^${TOKEN_PREFIX.metrics}[A-Za-z0-9_-]{${TOKEN_MIN_SECRET},256}$`),
      `must be ${TOKEN_PREFIX.metrics} followed by at least ${TOKEN_MIN_SECRET} of A-Z a-z 0-9 _ -`,
    )
    .optional(),
  /** Pivot link templates: a JSON file of `[{name, url}]` with {ip} {peer} {port} {from} {to} {query}. @default none */
  WF_PIVOTS: z
    .string()
    .default('')
    .transform((t, ctx) => (t.trim() === '' ? [] : parsePivots(t.trim(), ctx))),
  /** TheHive 5 base URL for `POST /api/alerts/:id/thehive` (e.g. https://thehive.example:9000). @default off */
  WF_THEHIVE_URL: z
    .string()
    .url()
    .refine((u) => /^https?:/.test(u), 'http(s) only')
    .optional(),
  /** TheHive API key (sent as `Authorization: Bearer`). Required with WF_THEHIVE_URL. */
  WF_THEHIVE_KEY: z.string().min(1).max(1024).optional(),
  /** Roles this process runs: a comma list of `ingest`, `score`, `web`. @default all three (one process) */
  WF_ROLES: z.string().default(PROCESS_ROLES.join(',')).transform(parseRoles),
  /** Partition streams ingest routes events to, by segment (every process must agree). @default 16 */
  WF_PARTITIONS: int(1, 1024).default(16),
  /** How long a scorer's lease on a partition lasts unless renewed, ms (a dead scorer's partitions wait this long). @default 10000 */
  WF_LEASE_MS: int(1000, 600_000).default(10_000),
  /** How often a scorer snapshots each partition's state with its stream position, ms. @default 5000 */
  WF_SNAPSHOT_MS: int(200, 600_000).default(5_000),
  /**
   * How often the one process (all three roles) saves its scoring state for its next start, s; it also saves when it
   * stops. A save holds the event loop about 0.25 ms and writes about 20 KB per entity (measured with the simulator's
   * network): the periodic saves only cover a crash. 0: never saved nor loaded (every start warms up again).
   * @default 300
   */
  WF_ENGINE_SNAPSHOT_S: int(0, 86_400).default(300),
  /**
   * Seconds a stop (SIGTERM, SIGINT) may take, saving the scoring state included, before the process exits anyway
   * (exit 1): 100,000 hosts took 3–6 s to save on a loaded 2-core machine. A supervisor's grace must be longer.
   */
  WF_STOP_TIMEOUT_S: int(1, 3_600).default(30),
  /** This process's member id in the cluster. @default the host name, port and process id */
  WF_MEMBER_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/)
    .optional(),
  /** Log level. @default info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  redisUrl: string;
  /** A Redis Cluster's seed nodes (`REDIS_CLUSTER_NODES`); null for one Redis at `redisUrl`. */
  redisCluster: readonly ClusterNode[] | null;
  port: number;
  publicUrl: string;
  /** True when WF_PUBLIC_URL names the address (else `publicUrl` is a guess from PORT on this machine). */
  publicUrlGiven: boolean;
  streams: readonly InputSource[];
  lists: readonly InputSource[];
  group: string;
  consumer: string;
  prefix: string;
  start: '$' | '0';
  maxDeliveries: number;
  batch: number;
  blockMs: number;
  /** `WF_GRACE_MS`: how long a second's bucket waits for late events. */
  graceMs: number;
  listIdleMs: number;
  dedupTtlS: number;
  reclaimIdleMs: number;
  maxFutureMs: number;
  /** Segments producers may name beyond the CIDR map's (`WF_MAX_SEGMENTS`). */
  maxSegments: number;
  tickMs: number;
  simulate: boolean;
  simRate: number;
  segments: readonly SegmentRule[];
  assets: string | null;
  trustProxy: string | null;
  sessionIdleMs: number;
  sessionCheckMs: number;
  apiTokenRate: number;
  oidc: OidcConfig | null;
  localLogin: 'all' | 'admin' | 'off';
  seriesRetentionMs: number;
  autoRedis: boolean;
  dataDir: string;
  classification: { text: string; colour: string };
  logLevel: string;
  webhooks: readonly string[];
  webhookRetryMs: number;
  lagAlert: number;
  dlqAlertPerMin: number;
  metricsToken: string | null;
  intel: readonly FeedSpec[];
  intelRefreshMs: number;
  /** `WF_INTEL_WARNINGLISTS`: where the warninglists of benign values are. */
  intelWarninglists: readonly string[];
  /** Paths of the geo databases (`WF_GEOIP_DB`, `WF_ASN_DB`). */
  geo: Readonly<{ country: string | null; asn: string | null }>;
  /** How often the geo databases' files are checked for a new version, ms. */
  geoCheckMs: number;
  /** The first-contact detector's baseline period, ms. */
  firstContactBaselineMs: number;
  pivots: readonly Pivot[];
  /** TheHive 5, when configured. */
  thehive: Readonly<{ url: string; key: string }> | null;
  /** The roles of this process; all three is today's one process. */
  roles: readonly ProcessRole[];
  partitions: number;
  leaseMs: number;
  snapshotMs: number;
  /** `WF_ENGINE_SNAPSHOT_S` in ms (0: the one process's state is neither saved nor loaded). */
  engineSnapshotMs: number;
  /** `WF_STOP_TIMEOUT_S` in ms: how long a stop may take before the process exits anyway. */
  stopTimeoutMs: number;
  memberId: string;
}>;

/** Whether `value` is one Express's `trust proxy` takes (checked here so that a bad one is named, not a stack trace). */
function trustedProxies(value: string): boolean {
  if (/^\d+$/.test(value)) return true;
  return value
    .split(',')
    .map((part) => part.trim())
    .every((part) => ['loopback', 'linklocal', 'uniquelocal'].includes(part) || cidrMatcher(part) !== null);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The OIDC settings, checked together: a client id, a secret or a key, a role map, https (plain http on loopback only). */
function oidcConfig(e: z.output<typeof envSchema>): OidcConfig | null {
  if (!e.WF_OIDC_ISSUER) return null;
  const problems: string[] = [];
  if (!e.WF_OIDC_CLIENT_ID) problems.push('WF_OIDC_CLIENT_ID is required with WF_OIDC_ISSUER');
  if (!e.WF_OIDC_CLIENT_SECRET === !e.WF_OIDC_PRIVATE_KEY) {
    problems.push('one of WF_OIDC_CLIENT_SECRET and WF_OIDC_PRIVATE_KEY is required with WF_OIDC_ISSUER');
  }
  const url = new URL(e.WF_OIDC_ISSUER);
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    problems.push('WF_OIDC_ISSUER must be https (plain http only on loopback, for tests)');
  }
  if (Object.keys(e.WF_OIDC_ROLES).length === 0) problems.push('WF_OIDC_ROLES must map at least one group');
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return Object.freeze({
    issuer: e.WF_OIDC_ISSUER,
    clientId: e.WF_OIDC_CLIENT_ID!,
    clientSecret: e.WF_OIDC_CLIENT_SECRET ?? null,
    privateKeyFile: e.WF_OIDC_PRIVATE_KEY ?? null,
    usernameClaim: e.WF_OIDC_USERNAME_CLAIM,
    roleClaim: e.WF_OIDC_ROLE_CLAIM,
    roles: Object.freeze({ ...e.WF_OIDC_ROLES }),
    scopes: e.WF_OIDC_SCOPES,
  });
}

export function fieldOf(source: InputSource): string {
  return source.field ?? DEFAULT_FIELD[source.format];
}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '' || false)),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!e.WF_THEHIVE_URL !== !e.WF_THEHIVE_KEY) {
    throw new ConfigError('invalid configuration:\n  WF_THEHIVE_URL and WF_THEHIVE_KEY go together');
  }
  const redisCluster = e.REDIS_CLUSTER_NODES.length > 0 ? Object.freeze(e.REDIS_CLUSTER_NODES) : null;
  // on a cluster a list's processing list is named with the list's slot as its hash tag (keys.ts), which a key that
  // Redis hashes whole and that holds a `}` cannot give
  const untaggable = redisCluster ? e.WF_LISTS.filter((l) => slotTagOf(l.key) === null) : [];
  if (untaggable.length > 0) {
    throw new ConfigError(
      `invalid configuration:\n  WF_LISTS: ${untaggable.map((l) => JSON.stringify(l.key)).join(', ')} cannot be consumed on a Redis Cluster (a key with "}" and no hash tag; rename the list)`,
    );
  }
  return Object.freeze({
    redisUrl: e.REDIS_URL,
    redisCluster,
    port: e.PORT,
    publicUrl: (e.WF_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    publicUrlGiven: e.WF_PUBLIC_URL !== undefined,
    streams: Object.freeze(e.WF_STREAMS),
    lists: Object.freeze(e.WF_LISTS),
    group: e.WF_GROUP,
    // stable across restarts, so a restarted instance re-reads its own pending entries first
    consumer: e.WF_CONSUMER ?? `${hostname()}-${e.PORT}`,
    prefix: e.WF_PREFIX,
    start: e.WF_START,
    maxDeliveries: e.WF_MAX_DELIVERIES,
    batch: e.WF_BATCH,
    blockMs: e.WF_BLOCK_MS,
    graceMs: e.WF_GRACE_MS,
    listIdleMs: e.WF_LIST_IDLE_MS,
    dedupTtlS: e.WF_DEDUP_TTL_S,
    reclaimIdleMs: e.WF_RECLAIM_IDLE_MS,
    maxFutureMs: e.WF_MAX_FUTURE,
    maxSegments: e.WF_MAX_SEGMENTS,
    tickMs: e.WF_TICK_MS,
    simulate: e.WF_SIMULATE,
    simRate: e.WF_SIM_RATE,
    segments: Object.freeze(e.WF_SEGMENTS),
    assets: e.WF_ASSETS ?? null,
    trustProxy: e.WF_TRUST_PROXY ?? null,
    sessionIdleMs: e.WF_SESSION_IDLE_MIN * 60_000,
    sessionCheckMs: e.WF_SESSION_CHECK_S * 1000,
    apiTokenRate: e.WF_API_TOKEN_RATE,
    oidc: oidcConfig(e),
    localLogin: e.WF_LOCAL_LOGIN,
    seriesRetentionMs: e.WF_SERIES_RETENTION_H * 3_600_000,
    autoRedis: e.WF_AUTO_REDIS,
    dataDir: e.WF_DATA_DIR,
    classification: Object.freeze({ text: e.WF_CLASSIFICATION, colour: e.WF_CLASSIFICATION_COLOUR }),
    logLevel: e.LOG_LEVEL,
    webhooks: Object.freeze(e.WF_WEBHOOKS),
    webhookRetryMs: e.WF_WEBHOOK_RETRY_MS,
    lagAlert: e.WF_LAG_ALERT,
    dlqAlertPerMin: e.WF_DLQ_ALERT_PER_MIN,
    metricsToken: e.WF_METRICS_TOKEN ?? null,
    intel: Object.freeze(e.WF_INTEL),
    intelRefreshMs: e.WF_INTEL_REFRESH_S * 1000,
    intelWarninglists: Object.freeze(e.WF_INTEL_WARNINGLISTS),
    geo: Object.freeze({ country: e.WF_GEOIP_DB ?? null, asn: e.WF_ASN_DB ?? null }),
    geoCheckMs: e.WF_GEO_CHECK_S * 1000,
    firstContactBaselineMs: e.WF_FIRST_CONTACT_BASELINE_S * 1000,
    pivots: Object.freeze(e.WF_PIVOTS),
    thehive: e.WF_THEHIVE_URL
      ? Object.freeze({ url: e.WF_THEHIVE_URL.replace(/\/$/, ''), key: e.WF_THEHIVE_KEY! })
      : null,
    roles: Object.freeze(e.WF_ROLES),
    partitions: e.WF_PARTITIONS,
    leaseMs: e.WF_LEASE_MS,
    snapshotMs: e.WF_SNAPSHOT_MS,
    engineSnapshotMs: e.WF_ENGINE_SNAPSHOT_S * 1000,
    stopTimeoutMs: e.WF_STOP_TIMEOUT_S * 1000,
    memberId: e.WF_MEMBER_ID ?? `${hostname()}-${e.PORT}-${process.pid}`,
  });
}

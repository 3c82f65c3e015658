/** @module Composition root: builds every part from the configuration and wires them together. */
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Alert, RESOLVED_EXPLAINS_MS, RESOLVED_IN_SNAPSHOT } from '../shared/schemas/alert.js';
import type { Frame } from '../shared/schemas/frame.js';
import { AlertEngine } from './alerts/alert-engine.js';
import { AlertService } from './alerts/alert-service.js';
import { AlertStore } from './alerts/alert-store.js';
import { AuditLog } from './alerts/audit.js';
import { scoreObservations } from './alerts/observations.js';
import { RuleStore } from './alerts/rules.js';
import { Webhooks } from './alerts/webhooks.js';
import { AccountPolicyStore } from './auth/account-policy.js';
import { AccountService } from './auth/accounts.js';
import { ApiTokenStore } from './auth/api-tokens.js';
import { DisplayTokenStore } from './auth/display-tokens.js';
import { type Kick, publishKick, subscribeKicks } from './auth/kick.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { OidcSignIn } from './auth/oidc.js';
import { RateLimiter } from './auth/rate-limit.js';
import { SecondFactorGate } from './auth/second-factor.js';
import { SessionStore } from './auth/sessions.js';
import { TotpStore } from './auth/totp.js';
import { UserStore } from './auth/users.js';
import { steadyNow } from './clock.js';
import { startClusterParts } from './cluster/cluster-parts.js';
import { clusterStatus } from './cluster/cluster-status.js';
import { Membership } from './cluster/membership.js';
import { PartitionRouter } from './cluster/partition-router.js';
import { partitionOf } from './cluster/partitions.js';
import { type Config, ConfigError, type SegmentRule } from './config.js';
import { loadEngine, saveEngine } from './engine-snapshots.js';
import { loadGeoDatabases } from './geo/geo-databases.js';
import { Handoff } from './handoff/handoff-service.js';
import { HandoverStore } from './handover-store.js';
import { HostNotes } from './host-notes.js';
import { accountRoutes } from './http/account-routes.js';
import { adminRoutes } from './http/admin-routes.js';
import { alertRoutes } from './http/alert-routes.js';
import { createApp } from './http/app.js';
import { auditRoutes } from './http/audit-routes.js';
import { authRoutes } from './http/auth-routes.js';
import { clusterRoutes } from './http/cluster-routes.js';
import { dataRoutes, localScored } from './http/data-routes.js';
import { dlqRoutes } from './http/dlq-routes.js';
import { handoffRoutes } from './http/handoff-routes.js';
import { handoverRoutes } from './http/handover-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { intelRoutes } from './http/intel-routes.js';
import { oidcRoutes } from './http/oidc-routes.js';
import { openApiRoutes } from './http/openapi-routes.js';
import { settingsRoutes } from './http/settings-routes.js';
import { totpRoutes } from './http/totp-routes.js';
import { watchRoutes } from './http/watch-routes.js';
import { DlqAdmin } from './ingest/dlq-admin.js';
import { EventLookup } from './ingest/event-lookup.js';
import { GroupMonitor } from './ingest/group-health.js';
import { HealthAlerts } from './ingest/health-alerts.js';
import { readCounters, stampCounters } from './ingest/ingest-health.js';
import type { EventSink, IngestFailure } from './ingest/ingest-loop.js';
import { ListConsumer } from './ingest/list-consumer.js';
import { SegmentAdmission } from './ingest/segment-admission.js';
import { type BatchOutcome, StreamConsumer } from './ingest/stream-consumer.js';
import { IntelFeeds } from './intel/intel-feeds.js';
import { LiveState } from './live-state.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { OneAtATime, Periodic } from './periodic.js';
import { registerAlertHandlers } from './realtime/alert-handlers.js';
import { Broadcaster } from './realtime/broadcaster.js';
import { filterSnapshot, wallSnapshot } from './realtime/frame-filter.js';
import { createIo, type WfServer } from './realtime/io.js';
import { guardRequests, startSessionChecks } from './realtime/session-guard.js';
import { isWallSocket } from './realtime/socket-policy.js';
import { registerWatchHandlers } from './realtime/watch-handlers.js';
import { createBlockingRedis, createRedis, isCluster, type Redis } from './redis/connections.js';
import { Keys } from './redis/keys.js';
import { ReplyWatch } from './redis/reply-watch.js';
import { type Asset, loadInventory } from './scoring/assets.js';
import { defaultDetectors } from './scoring/detectors/index.js';
import { IDLE_TTL_MS, ScoringEngine } from './scoring/engine.js';
import { HistoryStore } from './scoring/history-store.js';
import { LIVE_WINDOW_MS } from './scoring/series.js';
import { segmentResolver, UNASSIGNED } from './segments.js';
import { SensorHistory } from './sensor-history.js';
import { SettingsStore } from './settings.js';
import { HuntStore } from './watch/hunts.js';
import { WatchMarks } from './watch/watch-marks.js';
import { WatchlistStore } from './watch/watchlist.js';

export interface StartOptions {
  logger: Logger;
  /** Folder of the built client (dist/client); omitted in API-only tests. */
  clientDir?: string;
  /** Extra CIDR → segment rules appended after WF_SEGMENTS (the simulator's network). */
  extraSegments?: readonly SegmentRule[];
  /** Asset entries under WF_ASSETS's (the simulator's host names); WF_ASSETS wins for the same key. */
  extraAssets?: Readonly<Record<string, Asset>>;
}

export interface Watchfloor {
  url: string;
  port: number;
  keys: Keys;
  redis: Redis;
  io: WfServer;
  live: LiveState;
  consumer: StreamConsumer;
  users: UserStore;
  sessions: SessionStore;
  alerts: AlertService;
  alertEngine: AlertEngine;
  audit: AuditLog;
  rules: RuleStore;
  tokens: DisplayTokenStore;
  apiTokens: ApiTokenStore;
  accounts: AccountService;
  totp: TotpStore;
  settings: SettingsStore;
  webhooks: Webhooks;
  close(): Promise<void>;
}

/**
 * The last 15 minutes of series from the history store into the live window, before consuming: after a restart the
 * charts (the wall's too) carry on from what was there instead of starting empty. A failed read only costs that.
 */
async function seedLiveWindow(history: HistoryStore, engine: ScoringEngine, logger: Logger): Promise<void> {
  const now = Date.now();
  try {
    const segments = await history.segments();
    const points = await Promise.all(segments.map((s) => history.read(s, now - LIVE_WINDOW_MS, now)));
    engine.series.seed(points.flat());
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'could not read recent series history; charts start empty');
  }
}

export async function startWatchfloor(config: Config, opts: StartOptions): Promise<Watchfloor> {
  const { logger } = opts;
  const keys = new Keys(config.prefix, { hashTag: config.redisCluster !== null });
  const redis = createRedis(config, 'command', logger);
  const blocking = createBlockingRedis(config, 'consumer', logger);
  const adapterRedis = createRedis(config, 'adapter', logger);
  const controller = new AbortController();
  const metrics = new Metrics();

  const intel = new IntelFeeds({
    feeds: config.intel,
    refreshMs: config.intelRefreshMs,
    warninglists: config.intelWarninglists,
    onLoaded: (st) =>
      logger.info(
        { feeds: st.feeds.map((f) => `${f.name}:${f.state}`), observables: st.observables },
        'intel feeds loaded',
      ),
    onError: (feed, message) =>
      logger.warn({ feed, err: message }, 'intel feed failed; keeping its previous contents'),
  });
  const geo = loadGeoDatabases(config.geo, {
    onReloaded: (status) => logger.info({ databases: status }, 'geo databases reloaded (a file changed)'),
    onError: (variable, message) =>
      logger.warn({ variable, err: message }, 'geo database did not reload; keeping the one loaded before'),
  });
  if (geo) logger.info({ databases: geo.databases }, 'geo databases loaded');
  geo?.start(config.geoCheckMs);
  // WF_ROLES: all three (the default) is one process scoring everything itself, exactly as before the roles existed
  const roles = new Set(config.roles);
  const split = roles.size < 3;
  const assets = (() => {
    try {
      return loadInventory(config.assets ?? undefined, opts.extraAssets);
    } catch (err) {
      throw new ConfigError(`invalid configuration:\n  WF_ASSETS: ${(err as Error).message}`);
    }
  })();
  const newEngine = () =>
    new ScoringEngine({
      detectors: defaultDetectors({
        ...(config.intel.length > 0 ? { intel: intel.index } : {}),
        firstContact: { baselineMs: config.firstContactBaselineMs },
        geo,
      }),
      assets,
      geo,
      graceMs: config.graceMs,
    });
  const engine = newEngine();
  const history = new HistoryStore(redis, keys, config.seriesRetentionMs);
  const sensorHistory = new SensorHistory(redis, keys, config.seriesRetentionMs);
  await stampCounters(redis, keys, Date.now());
  const audit = new AuditLog(redis, keys);
  const watchlist = new WatchlistStore(redis, keys, audit);
  /** Whether a host is watched, asked of the engine that holds its recent events (the one answer, see hostWatch). */
  const watchOf = (scored: ScoringEngine, ip: string) =>
    watchlist.hostWatch(ip, () => scored.recentEvents(ip));
  const newLive = (e: ScoringEngine) =>
    new LiveState({
      engine: e,
      watchOf: (ip) => watchOf(e, ip),
      tickMs: config.tickMs,
      writeHistory: (points, late) => history.write(points, late),
      writeSensorCounts: (counts, at) => sensorHistory.write(counts, at),
      onHistoryError: (err) => logger.warn({ err: err.message }, 'series history write failed'),
    });
  const live = newLive(engine);
  const router = split ? new PartitionRouter(keys, config.partitions, redis) : null;
  const membership = new Membership(redis, keys, config.leaseMs);
  const segmentOf = segmentResolver([...config.segments, ...(opts.extraSegments ?? [])]);
  const ingest = {
    redis,
    keys,
    // events and ticks on the steady clock: a stepped system clock does not move the live window
    // on a Redis Cluster routed entries are written by themselves, before the acknowledgement (ingest-loop.ts)
    sink: (router
      ? isCluster(redis)
        ? { apply: () => {}, write: (events, _now, origin) => router.write(events, steadyNow(), origin) }
        : { apply: () => {}, record: (m, events) => router.record(m, events, steadyNow()) }
      : { apply: (events, _now) => live.apply(events, steadyNow()) }) satisfies EventSink,
    logger,
    maxFutureMs: config.maxFutureMs,
    segmentOf,
    segments: new SegmentAdmission(config.maxSegments, IDLE_TTL_MS, [
      UNASSIGNED,
      ...config.segments.map((s) => s.segment),
      ...(opts.extraSegments ?? []).map((s) => s.segment),
    ]),
    dedupTtlS: config.dedupTtlS,
  };
  const consumer = new StreamConsumer({
    ...ingest,
    blocking,
    sources: roles.has('ingest') ? config.streams : [],
    group: config.group,
    consumer: config.consumer,
    start: config.start,
    maxDeliveries: config.maxDeliveries,
    batch: config.batch,
    blockMs: config.blockMs,
    reclaimIdleMs: config.reclaimIdleMs,
  });
  const listRedis = createRedis(config, 'lists', logger);
  const lists = new ListConsumer({
    ...ingest,
    redis: listRedis,
    sources: roles.has('ingest') ? config.lists : [],
    consumer: config.consumer,
    batch: config.batch,
    idleMs: config.listIdleMs,
    maxDeliveries: config.maxDeliveries,
  });
  const groups = new GroupMonitor({
    redis,
    keys,
    sources: config.streams,
    group: config.group,
    logger,
    countCap: 10_000,
  });
  const health = new HealthAlerts({ lag: config.lagAlert, dlqPerMin: config.dlqAlertPerMin });
  // The screens say at once why ingest is not going through (the loops log and retry by themselves): Redis gone
  // first, as the cause of the loops' own failures then.
  // a connection that is up but answers nothing (a frozen Redis, a network that drops packets) is an outage too
  const replies = new ReplyWatch(redis);
  const redisDown = (): string | null => {
    if (redis.status !== 'ready') return `Redis unreachable (connection ${redis.status})`;
    const silent = replies.silentFor(Date.now());
    return silent ? `Redis unreachable (no answer for ${Math.floor(silent / 1000)} s)` : null;
  };
  const ingestError = () => redisDown() ?? (consumer.failing ?? lists.failing)?.message ?? null;
  // and which of the two, in words every screen can put in its own language; with several processes, a process
  // that reads no input says the input is not read while no ingest process is alive (not the sensors' silence)
  let noIngestAlive = false;
  live.ingestDownOf = () =>
    redisDown() !== null ? 'redis' : (consumer.failing ?? lists.failing) || noIngestAlive ? 'input' : null;
  const onBatch = (o: BatchOutcome) => {
    metrics.ingested.inc(o.accepted);
    metrics.other.inc(o.other);
    metrics.duplicates.inc(o.duplicates);
    for (const [reason, n] of Object.entries(o.rejected)) metrics.rejected.inc({ reason }, Number(n));
    if (live.currentStats().ingestError) live.updateStats({ ingestError: ingestError() });
  };
  const onFailure = (failure: IngestFailure) => {
    metrics.consumerErrors.inc();
    health.ingest(true, Date.now());
    live.updateStats({ ingestError: failure.message });
  };
  for (const c of [consumer, lists]) {
    c.on('batch', onBatch);
    c.on('failure', onFailure);
  }
  // A deleted input stream destroyed what it held unread: as far as can be known, the lag last seen.
  consumer.on('group-recreated', ({ source }) => {
    const at = Date.now();
    const lost = groups.lastLag(source);
    health.loss('input-stream-deleted', lost, at);
    redis
      .hincrby(keys.counters, 'lostToDelete', lost)
      .catch((err: Error) =>
        logger.warn({ err: err.message, source, lost }, 'could not count entries lost with a deleted stream'),
      );
  });

  const rules = new RuleStore(redis, keys, audit);
  const alertStore = new AlertStore(redis, keys);
  /** Reasons' example events, from their stream or from the copies kept for alerts (the host page, hand-off). */
  const exampleEvents = new EventLookup({
    redis,
    streams: config.streams,
    maxFutureMs: config.maxFutureMs,
    segmentOf,
    keptKey: keys.keptEvents,
  });
  // Alert changes go through the adapter to every instance: users and unrestricted screens, and the screens
  // limited to the alert's segment.
  let broadcaster: Broadcaster | null = null;
  let watchMarks: WatchMarks | null = null;
  const settings = new SettingsStore(redis, keys, { webhooks: config.webhooks });
  await settings
    .refresh(true)
    .catch((err: Error) =>
      logger.warn({ err: err.message }, 'could not read the settings; starting with the defaults'),
    );
  const webhooks = new Webhooks({
    urls: () => settings.value.webhooks,
    redis,
    keys,
    audit,
    logger,
    publicUrl: config.publicUrl,
    retryDelaysMs: [1, 2, 4, 8, 16].map((f) => f * config.webhookRetryMs),
  });
  const alerts = new AlertService({
    store: alertStore,
    onChange: (alert) => {
      watchMarks?.alertChanged(alert);
      broadcaster?.alert(alert);
    },
    onTransition: (alert, record) => {
      if (record.action === 'alert.escalate') webhooks.notify('alert.escalated', alert);
    },
  });
  await watchlist
    .load()
    .catch((err: Error) =>
      logger.warn({ err: err.message }, 'could not read the watchlist; reading it again soon'),
    );
  /**
   * An alert engine over a scoring engine (the process's own, or a partition's), answering for the alerts `owns`
   * names (all of them in one process).
   */
  const newAlertEngine = (scored: ScoringEngine = engine, owns?: (alert: Alert) => boolean) =>
    new AlertEngine({
      service: alerts,
      owns,
      rules,
      logger,
      settings: () => settings.value,
      // watched hosts alert at the lower threshold: by address, range, or a name their recent events reached
      watched: (o) => o.entityType === 'host' && watchOf(scored, o.entityId) !== null,
      onRaised: (alert) => {
        if (alert.severity === 'critical') webhooks.notify('alert.critical', alert);
      },
      keepExamples: (refs) => exampleEvents.keep(refs),
    });
  // several processes: a host's or a segment's alert is its partition's; the rest (ingest health, feeds) the ingest's
  const scoredAlert = (a: Alert) => a.entity.type === 'host' || a.entity.type === 'segment';
  const alertEngine = newAlertEngine(engine, split ? (a) => !scoredAlert(a) : undefined);

  const users = new UserStore(redis, keys);
  const sessions = new SessionStore(redis, keys, config.sessionIdleMs);
  const tokens = new DisplayTokenStore(redis, keys);
  const apiTokens = new ApiTokenStore(redis, keys);
  const kick = (k: Kick) => publishKick(redis, keys.prefix, k);
  const accounts = new AccountService({
    users,
    sessions,
    tokens,
    apiTokens,
    audit,
    kick,
    publicUrl: config.publicUrl,
  });
  const policy = new AccountPolicyStore(redis, keys);
  const totp = new TotpStore(redis, keys);
  const oidc = config.oidc
    ? new OidcSignIn({ oidc: config.oidc, redis, keys, publicUrl: config.publicUrl, logger })
    : null;
  const webOnly = <T>(routers: T[]): T[] => (roles.has('web') ? routers : []);
  const secureCookies = config.trustProxy !== null || config.publicUrl.startsWith('https:');
  // with several processes a web instance scores nothing itself: the rates and counts are the partitions' merged ones
  const stats = async () => ({
    ...live.currentStats(),
    ...(view?.scoredStats() ?? {}),
    ...(await readCounters(redis, keys)),
  });
  const handoff = new Handoff({
    alerts,
    events: exampleEvents,
    audit,
    publicUrl: config.publicUrl,
    thehive: config.thehive,
  });
  const handover = new HandoverStore(redis, keys);
  const handoverChanged = () => {
    handover
      .wall()
      .then((h) => broadcaster?.handover(h))
      .catch((err: Error) => logger.warn({ err: err.message }, 'could not send the handover to the screens'));
  };

  // several processes: scorers own partitions, web instances merge their parts, every process heartbeats
  const cluster = split
    ? await startClusterParts({
        config,
        redis,
        keys,
        logger,
        membership,
        history,
        newPartition: (n) => {
          const scored = newEngine();
          const owns = (a: Alert) => scoredAlert(a) && partitionOf(a.segment, config.partitions) === n;
          return { live: newLive(scored), alerts: newAlertEngine(scored, owns) };
        },
        observations: (p, watermark) => scoreObservations(p.live.engine, watermark),
        rate: () => live.currentStats().eventsPerSec,
      })
    : null;
  const view = cluster?.view ?? null;
  // one process heartbeats too, so that GET /api/cluster lists it
  const beat = () =>
    membership.beat({
      id: config.memberId,
      roles: [...config.roles],
      partitions: [],
      eventsPerSec: live.currentStats().eventsPerSec,
    });
  const heartbeat = new Periodic(
    'cluster heartbeat',
    Math.max(250, Math.floor(config.leaseMs / 4)),
    beat,
    logger,
  );
  if (!split) {
    // listed from the first answer on, not from the first period's end
    await beat().catch((err: Error) =>
      logger.warn({ err: err.message }, 'the first cluster heartbeat failed'),
    );
    heartbeat.start();
  }
  const ingestWatch = new Periodic(
    'ingest liveness',
    Math.max(250, Math.floor(config.leaseMs / 4)),
    async () => {
      noIngestAlive = !(await membership.ingestAlive());
    },
    logger,
  );
  if (split && !roles.has('ingest')) ingestWatch.start();

  const app = createApp({
    auth: {
      sessions,
      apiTokens,
      tokenRate: new RateLimiter(redis, keys, { limit: config.apiTokenRate, windowS: 60 }),
    },
    logger,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    clientDir: opts.clientDir,
    root: [
      healthRoutes({
        redisAnswers: async () => (await redis.ping()) === 'PONG',
        metrics,
        lastReadAt: () => consumer.lastReadAt,
        consuming: roles.has('ingest') && config.streams.length > 0,
        blockMs: config.blockMs,
        metricsToken: config.metricsToken,
        sessions,
      }),
    ],
    // the HTTP API on web instances only (every role answers its health checks)
    api: webOnly([
      authRoutes({
        users,
        sessions,
        throttle: new LoginThrottle(redis, keys),
        secondFactor: new SecondFactorGate({
          totp,
          policy,
          throttle: new LoginThrottle(redis, keys, { perAddress: 20, perUser: 5, windowS: 900 }, 'totp:'),
          audit,
        }),
        audit,
        accounts,
        kick,
        policy,
        secureCookies,
        oidc,
        localLogin: config.localLogin,
        sessionIdleMs: config.sessionIdleMs,
        logger,
      }),
      dataRoutes({
        scored: view ?? localScored(live),
        history,
        sensorHistory,
        stats,
        classification: config.classification,
        tickMs: config.tickMs,
        tokens,
        notes: new HostNotes(redis, keys),
        audit,
        alerts: alertStore,
        alerting: () => settings.alerting(),
        events: exampleEvents,
      }),
      adminRoutes({ accounts }),
      accountRoutes({ accounts, policy, audit }),
      ...(oidc
        ? [
            oidcRoutes({
              oidc,
              users,
              sessions,
              accounts,
              policy,
              audit,
              secureCookies,
              sessionIdleMs: config.sessionIdleMs,
              logger,
            }),
          ]
        : []),
      totpRoutes({ totp, policy, sessions, users, accounts, audit }),
      openApiRoutes(config.publicUrl),
      // before the alert router: its `/alerts/:id/:action` would take `thehive`
      handoffRoutes({ handoff, pivots: config.pivots }),
      alertRoutes({ alerts, audit, rules }),
      watchRoutes({
        watchlist,
        hunts: new HuntStore(redis, keys, audit),
        sources: {
          alerts: async (since) => [
            ...(await alertStore.unresolved()),
            ...(await alertStore.resolved(since)),
          ],
          hosts: () => engine.topHosts(1000),
          recent: (ip) => engine.host(ip)?.recent ?? [],
        },
      }),
      handoverRoutes({ store: handover, onChange: handoverChanged }),
      settingsRoutes({ settings, webhooks, audit }),
      dlqRoutes(new DlqAdmin({ redis, keys, sources: config.streams, lists: config.lists })),
      intelRoutes(intel, audit, geo),
      auditRoutes(audit),
      // one process scores no partitions: it lists itself alone
      clusterRoutes(() => clusterStatus(redis, keys, membership, split ? config.partitions : 0)),
    ]),
  });
  const http: HttpServer = createServer(app);
  const io = createIo({
    http: roles.has('web') ? http : undefined,
    sessions,
    tokens,
    adapterRedis,
    keys,
    publicUrl: config.publicUrl,
    logger,
  });

  // which hosts on the screens are watched: asked of this process's engine (in several processes, a host's recent
  // events are its scorer's, so an alert's host is matched here by address and range, a top host by its scorer)
  const marks = new WatchMarks({
    unresolved: () => alertStore.unresolved(),
    watchOf: (ip) => watchOf(engine, ip),
    onError: (err) =>
      logger.warn({ err: err.message }, 'could not read the unresolved alerts for watch marks'),
  });
  watchMarks = marks;
  /** The snapshot a screen gets: limited to `segments` (all when none), and as a wall gets it for a display. */
  const snapshot = async (segments: readonly string[], wall: boolean) => {
    const now = Date.now();
    const [unresolved, resolved, wallNotes] = await Promise.all([
      alertStore.unresolved(),
      alertStore.resolved(now - RESOLVED_EXPLAINS_MS, RESOLVED_IN_SNAPSHOT),
      handover.wall(),
    ]);
    const snap = view
      ? view.snapshot(now, unresolved, live.currentStats(now))
      : live.snapshot(now, unresolved);
    // the recently resolved alerts come after the marks (they mark no host): a score they explain may still be high
    const marked = marks.snapshot({ ...snap, handover: wallNotes });
    const filtered = filterSnapshot({ ...marked, alerts: [...marked.alerts, ...resolved] }, segments);
    return wall ? wallSnapshot(filtered) : filtered;
  };

  const fanOut = new Broadcaster(io, (ip) => (view ? view.cachedHost(ip) : engine.host(ip)));
  broadcaster = fanOut;

  const stopSessionChecks = startSessionChecks(io, { sessions, tokens, logger }, config.sessionCheckMs);
  io.on('connection', (socket) => {
    const { segments } = socket.data;
    const wall = isWallSocket(socket.data);
    // A recovered socket gets its rooms back from the adapter; admitting it again is harmless (same rooms).
    fanOut.admit(socket);
    guardRequests(socket, { sessions, tokens, logger });
    registerWatchHandlers(socket, { snapshot: () => snapshot(segments, wall), logger });
    registerAlertHandlers(socket, alerts, logger);
    if (socket.recovered) fanOut.resume(socket);
    else
      snapshot(segments, wall)
        .then((s) => socket.emit('snapshot', s))
        .catch((err: Error) => logger.warn({ err: err.message }, 'snapshot failed'));
  });

  // The frame goes out every tick; the alert engine runs on each tick's observations, one run at a time (a slow Redis
  // skips ticks for alerts, never for frames).
  const frames = new Periodic(
    'frame',
    config.tickMs,
    async () => {
      // from the connections themselves: while Redis is away the stats refresh cannot run
      replies.probe(Date.now());
      if (live.currentStats().ingestError !== ingestError()) live.updateStats({ ingestError: ingestError() });
      if (!split) {
        // while Redis is away no event can come, whatever the sensors do: the wall clock is not event time, so scores
        // hold where they were (not fading as if the network calmed down) and no sensor is judged silent; the events
        // written meanwhile fill their own buckets once it is back
        engine.holdClock(live.ingestDownOf() === 'redis', steadyNow());
        const frame = live.tick(steadyNow());
        fanOut.frame(marks.frame(frame));
        metrics.entities.set(engine.entityCount);
        alertTicks.offer(frame);
        return;
      }
      // several processes: the ingest role raises the system alerts (ingest health, intel feeds), the web role
      // merges the scorers' parts into the frame; the scorers raise the score alerts of their partitions
      const now = Date.now();
      if (roles.has('ingest')) alertTicks.offer({ ...live.tick(steadyNow()), now });
      if (view) {
        const frame = await view.tick(steadyNow(), live.currentStats(now), redis.status === 'ready');
        fanOut.frame(marks.frame({ ...frame, ...live.down() }));
        void view.refreshHosts(fanOut.watchedHosts()).catch(() => {});
      }
    },
    logger,
  );
  if (roles.has('web') || roles.has('ingest')) frames.start();
  const alertTicks = new OneAtATime<Frame>(
    (frame) =>
      alertEngine.tick(
        [
          ...(split ? [] : scoreObservations(engine, frame.watermark)),
          ...health.observations(frame.now),
          ...intel.observations(frame.now),
          ...(geo?.observations(frame.now) ?? []),
        ],
        frame.watermark,
        frame.now,
      ),
    (err) => logger.warn({ err: err.message }, 'alert engine tick failed'),
  );

  // Ingest health, every second: counters and group figures into the frames, health alerts, settings, metrics.
  const statsRefresh = new Periodic(
    'stats and health refresh',
    1000,
    async () => {
      const now = Date.now();
      const [counters, group] = await Promise.all([readCounters(redis, keys), groups.sample()]);
      const clients = io.of('/').sockets.size;
      const { newlyLost, ...figures } = group;
      live.updateStats({ ...counters, ...figures, clients, ingestError: ingestError() });
      for (const { source, entries } of newlyLost) {
        logger.warn(
          { source, entries },
          'entries were trimmed from an input stream before the group read them',
        );
        health.loss('trimmed-before-read', entries, now);
      }
      health.add({ at: now, lag: group.lag, rejected: counters.rejected });
      health.ingest(ingestError() !== null, now);
      await settings.refresh();
      metrics.lag.set(group.lag);
      metrics.pending.set(group.pending);
      metrics.clients.set(clients);
      // a scorer's rate and entities are its partitions' (one process sets its entities at each frame), a web
      // instance's rate the partitions' merged one
      const owned = cluster?.scorer?.states();
      const ownedRate = owned?.reduce((n, p) => n + p.live.currentStats(now).eventsPerSec, 0);
      metrics.eventsPerSec.set(
        view?.scoredStats()?.eventsPerSec ?? ownedRate ?? live.currentStats().eventsPerSec,
      );
      if (owned) metrics.entities.set(owned.reduce((n, p) => n + p.live.engine.entityCount, 0));
    },
    logger,
  ).start();

  const kickSub = createRedis(config, 'control', logger);
  await subscribeKicks(kickSub, keys.prefix, (k) => fanOut.kick(k));

  if (!view) await seedLiveWindow(history, engine, logger);
  // the one process's scoring state carries over a restart (a scorer's partitions have their own snapshots)
  const keepsState = !split && config.engineSnapshotMs > 0;
  if (keepsState) await loadEngine(redis, keys, engine, alertEngine, live, logger);
  // saves one after the other: the one made when the process stops is written last, even over a periodic one
  let saving: Promise<unknown> = Promise.resolve();
  const saveState = (): Promise<number> => {
    const next = saving.then(() => saveEngine(redis, keys, engine, alertEngine, live));
    saving = next.catch(() => {});
    return next;
  };
  const engineSaves = new Periodic(
    'scoring state save',
    config.engineSnapshotMs,
    async () => void (await saveState()),
    logger,
  );
  if (keepsState) engineSaves.start();
  // feeds load before consuming, so that the first events are matched (a feed that fails only says so)
  await intel.start();
  const consuming = Promise.all([
    consumer.run(controller.signal),
    lists.run(controller.signal),
    cluster?.run(controller.signal),
  ]);
  http.listen(config.port);
  await once(http, 'listening');
  const port = (http.address() as AddressInfo).port;
  logger.info(
    {
      port,
      roles: config.roles,
      streams: config.streams.map((s) => `${s.key}=${s.format}`),
      group: config.group,
      ...(split ? { member: config.memberId, partitions: config.partitions } : {}),
    },
    'watchfloor listening',
  );

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    keys,
    redis,
    io: io,
    live,
    consumer,
    users,
    sessions,
    alerts,
    alertEngine,
    audit,
    rules,
    tokens,
    apiTokens,
    accounts,
    totp,
    settings,
    webhooks,
    async close() {
      controller.abort();
      intel.stop();
      geo?.stop();
      frames.stop();
      statsRefresh.stop();
      heartbeat.stop();
      ingestWatch.stop();
      await consuming.catch(() => {});
      engineSaves.stop();
      if (keepsState)
        await saveState().catch((err: Error) =>
          logger.warn({ err: err.message }, 'could not save the scoring state'),
        );
      await cluster?.stop();
      await membership.leave(config.memberId).catch(() => {});
      stopSessionChecks();
      // Socket.IO closes the HTTP server it is attached to; a process without `web` has it alone (closing a Socket.IO
      // server attached to nothing threw, so every stop of an ingest or score process crashed)
      if (roles.has('web')) await new Promise<void>((resolve) => io.close(() => resolve()));
      else await new Promise<void>((resolve) => http.close(() => resolve()));
      kickSub.disconnect();
      blocking.disconnect();
      await consuming.catch(() => {});
      for (const r of [redis, adapterRedis, listRedis]) await r.quit().catch(() => r.disconnect());
    },
  };
}

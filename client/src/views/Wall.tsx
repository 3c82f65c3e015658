/**
 * @module `/wall?token=…`: the display for the room. No login, no controls, no cursor, no scrollbars; type
 * scales with the screen. Scenes rotate (overview, each segment, alert board); a critical unacknowledged
 * alert takes over until acknowledged. When data stops, a large banner says so at once and the last data
 * stays greyed; the socket reconnects by itself.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Alert } from '../../../shared/schemas/alert.js';
import type { SeriesPoint } from '../../../shared/schemas/frame.js';
import { useClassification } from '../app/ConfigProvider.js';
import { LiveContext } from '../app/LiveProvider.js';
import { ClassificationBanner } from '../components/ClassificationBanner.js';
import { LineSvg } from '../components/LineSvg.js';
import { SEVERITY_LOOK, SeverityBadge } from '../components/SeverityBadge.js';
import {
  boardAlerts,
  burnInOffset,
  type Scene,
  sceneKey,
  sceneList,
  takeoverAlert,
} from '../features/wall/scenes.js';
import { useConnection, useLiveSelector } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { type WallInfo, wallInfoSchema } from '../lib/api.js';
import { formatAge, formatClock, formatCount, formatReason, topReason } from '../lib/format.js';
import { connectLive, type LiveConnection } from '../lib/live-socket.js';
import { ALERT_THRESHOLD, scoreStyle, segmentStyles } from '../lib/palette.js';
import { ApiError, request } from '../lib/request.js';
import { forgetWallToken, readWallToken } from '../lib/wall-token.js';
import { LiveStore } from '../state/live-store.js';
import '../styles/wall.css';

const BURN_IN_MS = 60_000;
const CHART_SECONDS = 300;

type TokenState = 'checking' | 'ok' | 'missing' | 'refused';

export default function Wall() {
  const [token] = useState(() => readWallToken());
  const [store] = useState(() => new LiveStore());
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const [info, setInfo] = useState<WallInfo | null>(null);
  const [tokenState, setTokenState] = useState<TokenState>(token ? 'checking' : 'missing');

  useEffect(() => {
    document.documentElement.classList.add('wall-mode');
    return () => document.documentElement.classList.remove('wall-mode');
  }, []);

  useEffect(() => {
    if (!token) return;
    let stop = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    /** true: keep trying; false: the token itself was refused. */
    const check = async (): Promise<boolean> => {
      try {
        const w = await request('/api/wall', wallInfoSchema, { bearer: token, quiet401: true });
        if (!stop) {
          setInfo(w);
          setTokenState('ok');
        }
        return true;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          if (!stop) setTokenState('refused');
          forgetWallToken();
          return false;
        }
        if (e instanceof ApiError && e.status === 404) {
          // Server without /api/wall yet: run on the socket alone.
          if (!stop) setTokenState('ok');
          return true;
        }
        // Server unreachable: try again; the socket reconnects by itself meanwhile.
        if (!stop) retry = setTimeout(() => void check(), 5000);
        return true;
      }
    };
    void check();
    const conn = connectLive(store, { auth: { token }, onRefused: check });
    setConnection(conn);
    return () => {
      stop = true;
      clearTimeout(retry);
      conn.close();
    };
  }, [token, store]);

  if (tokenState === 'missing' || tokenState === 'refused') {
    return (
      <div className="wall wall--message">
        <p className="wall__message" role="alert">
          {tokenState === 'missing'
            ? 'No display token. Open this screen with the link printed by “watchfloor display-token create”.'
            : 'This display token was refused (revoked or unknown). Ask an administrator for a new wall link.'}
        </p>
      </div>
    );
  }
  return (
    <LiveContext value={{ store, connection }}>
      <WallScreen info={info} />
    </LiveContext>
  );
}

function WallScreen({ info }: { info: WallInfo | null }) {
  const classification = useClassification();
  const conn = useConnection();
  const now = useNow(1000);
  const segments = useLiveSelector((s) => s.segments);
  const alerts = useLiveSelector((s) => s.alerts);
  // `?rotate=SECONDS` sets the interval; `?scene=overview|alerts|segment:NAME` pins one scene.
  const { rotateMs, pinned } = useMemo(() => {
    const q = new URLSearchParams(window.location.search);
    const v = Number(q.get('rotate'));
    return { rotateMs: Number.isFinite(v) && v >= 3 ? v * 1000 : 20_000, pinned: q.get('scene') };
  }, []);
  const allowed = info?.segments.length ? new Set(info.segments) : null;
  const names = segments.map((s) => s.segment).filter((s) => !allowed || allowed.has(s));
  const scenes = sceneList(names);
  const pinnedIndex = pinned ? scenes.findIndex((x) => sceneKey(x) === pinned) : -1;
  // Rotation follows the clock, so every wall in the room shows the same scene.
  const sceneIndex = pinnedIndex >= 0 ? pinnedIndex : Math.floor(now / rotateMs) % scenes.length;
  const scene = scenes[sceneIndex]!;
  const visibleAlerts = useMemo(
    () => [...alerts.values()].filter((a) => !allowed || allowed.has(a.segment)),
    [alerts, allowed],
  );
  const takeover = takeoverAlert(visibleAlerts, now);
  const [dx, dy] = burnInOffset(Math.floor(now / BURN_IN_MS));
  const live = conn.status === 'live';
  const bannerText =
    conn.status === 'offline' || conn.status === 'reconnecting'
      ? 'OFFLINE'
      : conn.status === 'connecting'
        ? 'CONNECTING'
        : 'STALE';

  return (
    <div className={`wall ${live ? 'wall--live' : 'wall--notlive'}`} data-status={conn.status}>
      <ClassificationBanner text={classification.text} colour={classification.colour} position="top" />
      <div className="wall__frame">
        <div className="wall__inner" style={{ transform: `translate(${dx * 0.5}vw, ${dy * 0.5}vh)` }}>
          <header className="wall__head">
            <div className="wall__brand">
              WATCHFLOOR <span className="wall__label">{info?.label ?? ''}</span>
            </div>
            <div className="wall__clocks">
              <span>
                <span className="wall__clocklabel">UTC</span> {formatClock(now)}
              </span>
              <span>
                <span className="wall__clocklabel">LOCAL</span>{' '}
                {new Date(now).toLocaleTimeString('en-GB', { hour12: false })}
              </span>
            </div>
            <div className={`wall__state wall__state--${conn.status}`}>
              <span className="wall__statedot" aria-hidden="true" />
              {live ? 'LIVE' : bannerText}
              <span className="wall__age">
                {conn.ageMs === null ? 'no data yet' : `newest data ${formatAge(conn.ageMs)} old`}
              </span>
            </div>
          </header>
          <main
            className={`wall__scene ${live ? '' : 'wall__scene--stale'}`}
            data-scene={takeover ? 'takeover' : sceneKey(scene)}
          >
            {takeover ? (
              <Takeover alert={takeover.alert} others={takeover.others} now={now} />
            ) : (
              <SceneView scene={scene} alerts={visibleAlerts} now={now} allowed={allowed} />
            )}
          </main>
          {/* Read from across the room: which scene is showing and which comes next (no tiny tab strip). */}
          <footer className="wall__foot" data-testid="wall-scene-indicator">
            {takeover ? (
              <span className="wall__sceneon">Critical alert · rotation paused until acknowledged</span>
            ) : (
              <>
                <span className="wall__scenecount">
                  Scene {sceneIndex + 1} of {scenes.length}
                </span>
                <span className="wall__sceneon">{sceneName(scene)}</span>
                {pinnedIndex >= 0 ? (
                  <span className="wall__scenenext">pinned</span>
                ) : scenes.length > 1 ? (
                  <span className="wall__scenenext">
                    next: {sceneName(scenes[(sceneIndex + 1) % scenes.length]!)} in{' '}
                    {Math.max(1, Math.ceil((rotateMs - (now % rotateMs)) / 1000))} s
                  </span>
                ) : null}
              </>
            )}
          </footer>
        </div>
        {!live ? (
          <div className="wall__banner" role="alert" data-testid="wall-banner">
            <div className="wall__bannerword">{bannerText}</div>
            <div className="wall__bannerwhy">
              {conn.why ?? 'waiting for data'}
              {conn.ageMs !== null ? ` · last data ${formatAge(conn.ageMs)} old` : ''}
              {conn.status === 'reconnecting' || conn.status === 'offline'
                ? ' · reconnecting automatically'
                : ''}
            </div>
          </div>
        ) : null}
      </div>
      <ClassificationBanner text={classification.text} colour={classification.colour} position="bottom" />
    </div>
  );
}

function sceneName(s: Scene): string {
  return s.kind === 'segment' ? s.segment : s.kind === 'overview' ? 'Overview' : 'Alerts';
}

function SceneView({
  scene,
  alerts,
  now,
  allowed,
}: {
  scene: Scene;
  alerts: Alert[];
  now: number;
  allowed: Set<string> | null;
}) {
  if (scene.kind === 'alerts') return <AlertBoard alerts={alerts} now={now} />;
  if (scene.kind === 'segment') return <SegmentScene segment={scene.segment} alerts={alerts} />;
  return <OverviewScene alerts={alerts} allowed={allowed} />;
}

/** Per-second values of the last CHART_SECONDS for each segment (null where no bucket exists). */
function useLastSeconds(metric: 'score' | 'events', only?: string) {
  const series = useLiveSelector((s) => s.series);
  return useMemo(() => {
    let end = 0;
    for (const pts of series.values()) {
      const last = pts[pts.length - 1];
      if (last && last.t > end) end = last.t;
    }
    const start = end - (CHART_SECONDS - 1) * 1000;
    const out: { name: string; values: (number | null)[] }[] = [];
    for (const [name, pts] of series) {
      if (only && name !== only) continue;
      const values: (number | null)[] = new Array(CHART_SECONDS).fill(null);
      for (const p of pts as readonly SeriesPoint[]) {
        if (p.t < start) continue;
        const i = Math.round((p.t - start) / 1000);
        if (i >= 0 && i < CHART_SECONDS && !(metric === 'events' && p.open)) {
          values[i] = metric === 'score' ? p.score : p.events;
        }
      }
      out.push({ name, values });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }, [series, metric, only]);
}

function OverviewScene({ alerts, allowed }: { alerts: Alert[]; allowed: Set<string> | null }) {
  const segments = useLiveSelector((s) => s.segments);
  const stats = useLiveSelector((s) => s.stats);
  const lines = useLastSeconds('score').filter((l) => !allowed || allowed.has(l.name));
  const styles = segmentStyles(lines.map((l) => l.name));
  const shown = [...segments]
    .filter((s) => !allowed || allowed.has(s.segment))
    .sort((a, b) => a.segment.localeCompare(b.segment));
  const open = alerts.filter((a) => a.state === 'open').length;
  const acked = alerts.filter((a) => a.state === 'acknowledged').length;
  const critical = alerts.filter((a) => a.state !== 'resolved' && a.severity === 'critical').length;
  return (
    <div className="scene scene--overview">
      <div className="wkpis">
        <WallKpi label="Events / s" value={stats ? formatCount(stats.eventsPerSec) : '—'} />
        <WallKpi label="Open alerts" value={String(open)} tone={open > 0 ? 'warn' : undefined} />
        <WallKpi label="Critical" value={String(critical)} tone={critical > 0 ? 'bad' : undefined} />
        <WallKpi label="Acknowledged" value={String(acked)} />
        <WallKpi label="Ingest lag" value={stats ? formatCount(stats.lag) : '—'} />
      </div>
      <div className="wtiles">
        {shown.slice(0, 12).map((s) => {
          const look = scoreStyle(s.score);
          return (
            <div key={s.segment} className={`wtile ${look.severity ? `wtile--${look.severity}` : ''}`}>
              <div className="wtile__name">{s.segment}</div>
              <div className="wtile__score">
                <span className="wtile__num">{Math.round(s.score)}</span>
                <span className="wtile__sev">
                  {look.severity ? `${SEVERITY_LOOK[look.severity].shape} ${look.label}` : 'normal'}
                </span>
              </div>
              <div className="wtile__meta">{formatCount(s.eventsPerSec)} ev/s</div>
            </div>
          );
        })}
      </div>
      <div className="wchart">
        <div className="wchart__title">
          Anomaly score by segment · last 5 min · alert threshold {ALERT_THRESHOLD}
        </div>
        <LineSvg
          series={lines.map((l) => ({
            name: l.name,
            colour: styles.get(l.name)!.colour,
            dash: styles.get(l.name)!.dash,
            values: l.values,
          }))}
          max={100}
          threshold={ALERT_THRESHOLD}
          label="Anomaly score by segment over the last five minutes"
        />
        <ChartAxis />
        <div className="wlegend">
          {lines.map((l) => (
            <span key={l.name} className="wlegend__item">
              <span className="wlegend__swatch" style={{ background: styles.get(l.name)!.colour }} />
              {l.name}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}

function WallKpi({ label, value, tone }: { label: string; value: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className={`wkpi ${tone ? `wkpi--${tone}` : ''}`}>
      <div className="wkpi__label">{label}</div>
      <div className="wkpi__value">{value}</div>
    </div>
  );
}

function SegmentScene({ segment, alerts }: { segment: string; alerts: Alert[] }) {
  const seg = useLiveSelector((s) => s.segments).find((s) => s.segment === segment);
  const hosts = useLiveSelector((s) => s.topHosts)
    .filter((h) => h.segment === segment)
    .slice(0, 5);
  const lines = useLastSeconds('events', segment);
  const max = Math.max(1, ...lines.flatMap((l) => l.values.map((v) => v ?? 0)));
  const look = scoreStyle(seg?.score ?? 0);
  const reason = seg ? topReason(seg.reasons) : undefined;
  const segAlerts = alerts.filter((a) => a.segment === segment && a.state !== 'resolved').length;
  return (
    <div className="scene scene--segment">
      <div className="sseg__head">
        <h1 className="sseg__name">{segment}</h1>
        <div className={`sseg__score ${look.severity ? `wtile--${look.severity}` : ''}`}>
          <span className="wtile__num">{Math.round(seg?.score ?? 0)}</span>
          <span className="wtile__sev">
            {look.severity ? `${SEVERITY_LOOK[look.severity].shape} ${look.label}` : 'normal'}
          </span>
        </div>
        <div className="sseg__facts">
          <div>{formatCount(seg?.eventsPerSec ?? 0)} events/s</div>
          <div>{formatCount(seg?.activeHosts ?? 0)} active hosts</div>
          <div>{segAlerts} unresolved alerts</div>
        </div>
      </div>
      {reason && look.severity ? (
        <div className="sseg__reason" title={reason.feature}>
          {formatReason(reason)}
        </div>
      ) : null}
      <div className="wchart">
        <div className="wchart__title">Events per second · last 5 min · peak {formatCount(max)}/s</div>
        <LineSvg
          series={lines.map((l) => ({ name: l.name, colour: '#56B4E9', values: l.values }))}
          max={max * 1.1}
          label={`Events per second in ${segment} over the last five minutes`}
        />
        <ChartAxis />
      </div>
      <div className="whosts">
        <div className="wchart__title">Most anomalous hosts</div>
        {hosts.length === 0 ? <div className="wempty">No anomalous hosts.</div> : null}
        {hosts.map((h) => {
          const r = topReason(h.reasons);
          const hs = scoreStyle(h.score);
          return (
            <div key={h.ip} className="whost">
              <span className="whost__ip">{h.ip}</span>
              <span className={`whost__score ${hs.severity ? `wtile--${hs.severity}` : ''}`}>
                {Math.round(h.score)} {hs.severity ? SEVERITY_LOOK[hs.severity].shape : ''}
              </span>
              <span className="whost__reason" title={r?.feature}>
                {r ? formatReason(r) : ''}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function AlertBoard({ alerts, now }: { alerts: Alert[]; now: number }) {
  const rows = boardAlerts(alerts, 8);
  const total = alerts.filter((a) => a.state !== 'resolved').length;
  return (
    <div className="scene scene--alerts">
      <h1 className="board__title">
        Alerts · {total} unresolved{total > rows.length ? ` (worst ${rows.length} shown)` : ''}
      </h1>
      {rows.length === 0 ? <div className="wempty">No unresolved alerts.</div> : null}
      <div className="board">
        {rows.map((a) => (
          <div key={a.id} className={`board__row board__row--${a.severity}`}>
            <SeverityBadge severity={a.severity} />
            <span className="board__entity">{a.entity.id}</span>
            <span className="board__what">
              {a.detector} · {a.segment}
            </span>
            <span className="board__state">
              {a.state === 'acknowledged' ? `ACK ${a.owner ?? ''}` : 'OPEN'}
              {a.escalated ? ' · ESC' : ''}
            </span>
            <span className="board__age">{formatAge(now - a.firstSeen)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function Takeover({ alert: a, others, now }: { alert: Alert; others: number; now: number }) {
  const r = topReason(a.reasons);
  return (
    <div className="takeover" role="alert">
      <div className="takeover__sev">{SEVERITY_LOOK.critical.shape} CRITICAL ALERT · NOT ACKNOWLEDGED</div>
      <div className="takeover__entity">{a.entity.id}</div>
      <div className="takeover__what">
        {a.detector} · segment {a.segment} · score {Math.round(a.score)} (peak {Math.round(a.peakScore)})
      </div>
      {r ? (
        <div className="takeover__reason" title={r.feature}>
          {formatReason(r)}
        </div>
      ) : null}
      <div className="takeover__age">
        first seen {formatClock(a.firstSeen)} UTC · {formatAge(now - a.firstSeen)} ago
        {others > 0 ? ` · ${others} more critical waiting` : ''}
      </div>
    </div>
  );
}

function ChartAxis() {
  return (
    <div className="wchart__axis" aria-hidden="true">
      <span>5 min ago</span>
      <span>now</span>
    </div>
  );
}

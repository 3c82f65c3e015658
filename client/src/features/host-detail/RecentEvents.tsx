/** @module The host's recent events, newest first, paged on the client. Every value is rendered as text. */
import { useState } from 'react';
import { t } from '../../i18n/index.js';
import { EVENT_FIELD } from '../../labels/events.js';
import { formatAge, formatBytes, formatClock, formatDecimal, formatInteger } from '../../lib/format.js';
import { eventPlace, placeLabel } from '../../lib/geo.js';
import { eventPivotContext, PivotLinks, usePivots } from '../pivots/PivotLinks.js';
import { WatchMark } from '../watch/WatchMark.js';
import type { RecentEvent } from './useHost.js';

const PAGE = 10;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

const F = EVENT_FIELD;
const part = (label: string, v: unknown, show: (v: unknown) => string = text) =>
  v === undefined || v === null || v === '' ? '' : `${label} ${show(v)}`;

/**
 * What an analyst checks for an event of each kind, in one line: for a flow the destination address and port,
 * protocol, connection state, bytes both ways and duration; for DNS the query, type and rcode; for IDS the
 * signature, category and severity; for authentication the user and outcome. Where an external source or
 * destination is (country and AS) follows it.
 */
export function eventDetail(e: RecentEvent): string {
  const from = placeLabel(eventPlace(e.src_geo));
  const detail = kindDetail(e);
  return from ? t('event.fromPlace', { place: from, detail }) : detail;
}

/** The destination and where it is: "203.0.113.7:443 (North Korea (KP) · AS64500 …)". */
function destination(e: RecentEvent, port: string): string {
  const address = `${text(e.dst_ip)}${port}`;
  const place = placeLabel(eventPlace(e.dst_geo));
  return place ? t('event.toPlace', { address, place }) : address;
}

function kindDetail(e: RecentEvent): string {
  switch (e.kind) {
    case 'dns':
      return [part(F.query, e.query), part(F.type, e.qtype), part(F.rcode, e.rcode)]
        .filter(Boolean)
        .join(' · ');
    case 'ids':
      return [
        part(F.signature, e.signature, (v) => `“${text(v)}”`),
        part(F.category, e.category),
        part(F.severity, e.severity),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'auth':
      return [
        part(F.user, e.user),
        // an enum the contract names, said in the screen's language (any other text stays as it came)
        part(F.outcome, e.outcome, (v) =>
          v === 'success' || v === 'failure' ? t(`event.outcomes.${v}`) : text(v),
        ),
      ]
        .filter(Boolean)
        .join(' · ');
    default: {
      const port = e.dst_port !== undefined ? `:${text(e.dst_port)}` : '';
      // a figure and its unit on one line ("76.5 kB" was split at the end of a line)
      const bytes = (v: unknown) => (typeof v === 'number' ? formatBytes(v).replace(' ', '\u00a0') : text(v));
      const ms = (v: unknown) => (typeof v === 'number' ? formatMillis(v).replace(' ', '\u00a0') : text(v));
      return [
        e.dst_ip ? `${F.to} ${destination(e, port)}` : '',
        text(e.proto),
        part(F.state, e.conn_state),
        part(F.out, e.bytes_out, bytes),
        part(F.in, e.bytes_in, bytes),
        part(F.lasting, e.duration_ms, ms),
      ]
        .filter(Boolean)
        .join(' · ');
    }
  }
}

/** 850 → "850 ms", 12_300 → "12.3 s", 300_000 → "5 min". */
function formatMillis(ms: number): string {
  if (ms < 1000) return t('unit.millis', { n: formatInteger(ms) });
  if (ms < 120_000) return t('unit.seconds', { n: formatDecimal(ms / 1000) });
  return formatAge(ms);
}

export function RecentEvents({ events }: { events: readonly RecentEvent[] }) {
  const [page, setPage] = useState(0);
  const pivots = usePivots().length > 0;
  if (events.length === 0) return <p className="empty">{t('host.noEvents')}</p>;
  const pages = Math.ceil(events.length / PAGE);
  const current = Math.min(page, pages - 1);
  const rows = events.slice(current * PAGE, current * PAGE + PAGE);
  return (
    <>
      <table className="table events">
        <thead>
          <tr>
            <th scope="col">{t('col.timeUtc')}</th>
            <th scope="col">{t('col.kind')}</th>
            <th scope="col">{t('col.sensor')}</th>
            <th scope="col">{t('col.segment')}</th>
            <th scope="col">{t('col.detail')}</th>
            {pivots ? <th scope="col">{t('col.pivot')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events may share id and time; the page never reorders
            <tr key={`${text(e.event_id)}/${text(e.ts)}/${i}`}>
              <td className="mono">{typeof e.ts === 'number' ? formatClock(e.ts) : '—'}</td>
              <td>{text(e.kind)}</td>
              {/* a sensor's name whole ("zeek-finance-" / "1" at a narrow width) */}
              <td>
                <span className="clip" title={text(e.sensor)}>
                  {text(e.sensor)}
                </span>
              </td>
              <td className="wrap">{text(e.segment)}</td>
              <td className="wrap mono">
                {eventDetail(e)}
                <WatchMark
                  ip={typeof e.dst_ip === 'string' ? e.dst_ip : undefined}
                  domains={[e.query, e.tls_sni, e.http_host].filter(
                    (v): v is string => typeof v === 'string',
                  )}
                />
              </td>
              {pivots ? (
                <td>
                  <PivotLinks context={eventPivotContext(e)} label="" />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="pager" aria-label={t('host.pages')}>
          <button type="button" className="btn" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('host.newer')}
          </button>
          <span>{t('host.page', { n: current + 1, total: pages })}</span>
          <button
            type="button"
            className="btn"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {t('host.older')}
          </button>
        </nav>
      ) : null}
    </>
  );
}

/** @module The host's recent events, newest first, paged on the client. Every value is rendered as text. */
import { useState } from 'react';
import { formatBytes, formatClock } from '../../lib/format.js';
import type { RecentEvent } from './useHost.js';

const PAGE = 10;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** What matters about an event of each kind, in one line. */
export function eventDetail(e: RecentEvent): string {
  switch (e.kind) {
    case 'dns':
      return `${text(e.query)}${e.qtype ? ` (${text(e.qtype)})` : ''}${e.rcode ? ` → ${text(e.rcode)}` : ''}`;
    case 'ids':
      return `${text(e.signature)}${e.severity ? ` · sev ${text(e.severity)}` : ''}`;
    case 'auth':
      return `${text(e.outcome)}${e.user ? ` · user ${text(e.user)}` : ''}`;
    default: {
      const bytes = typeof e.bytes_out === 'number' ? `${formatBytes(e.bytes_out)} out` : '';
      const port = e.dst_port !== undefined ? `:${text(e.dst_port)}` : '';
      return [e.dst_ip ? `→ ${text(e.dst_ip)}${port}` : '', text(e.proto), bytes].filter(Boolean).join(' ');
    }
  }
}

export function RecentEvents({ events }: { events: readonly RecentEvent[] }) {
  const [page, setPage] = useState(0);
  if (events.length === 0) return <p className="empty">No recent events kept for this host.</p>;
  const pages = Math.ceil(events.length / PAGE);
  const current = Math.min(page, pages - 1);
  const rows = events.slice(current * PAGE, current * PAGE + PAGE);
  return (
    <>
      <table className="table events">
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Kind</th>
            <th scope="col">Sensor</th>
            <th scope="col">Segment</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events may share id and time; the page never reorders
            <tr key={`${text(e.event_id)}/${text(e.ts)}/${i}`}>
              <td className="mono">{typeof e.ts === 'number' ? formatClock(e.ts) : '—'}</td>
              <td>{text(e.kind)}</td>
              <td className="wrap">{text(e.sensor)}</td>
              <td className="wrap">{text(e.segment)}</td>
              <td className="wrap mono">{eventDetail(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="pager" aria-label="Recent events pages">
          <button type="button" className="btn" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Newer
          </button>
          <span>
            Page {current + 1} of {pages}
          </span>
          <button
            type="button"
            className="btn"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Older
          </button>
        </nav>
      ) : null}
    </>
  );
}

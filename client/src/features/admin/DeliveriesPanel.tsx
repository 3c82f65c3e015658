/** @module Admin: the webhook delivery log, newest first (every attempt, with its outcome). */
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../lib/format.js';
import { adminApi } from './admin-api.js';
import { useLoad } from './useLoad.js';

export function DeliveriesPanel() {
  const log = useLoad(adminApi.deliveries, 'deliveries');
  const rows = log.data ? [...log.data].sort((a, b) => b.at - a.at) : null;
  return (
    <Panel
      title="Webhook deliveries"
      className="admin__panel"
      actions={
        <button type="button" className="btn btn--small" onClick={log.reload}>
          Refresh
        </button>
      }
    >
      {log.error ? (
        <p className="error" role="alert">
          {log.error}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p className="empty">No deliveries yet.</p> : null}
      {rows && rows.length > 0 ? (
        <div className="admin__scroll">
          <table className="table admin__table">
            <caption className="visually-hidden">Webhook deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Result</th>
                <th scope="col">Event</th>
                <th scope="col">Alert</th>
                <th scope="col">URL</th>
                <th scope="col" className="num">
                  Try
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a log; entries have no id and never reorder
                <tr key={`${d.at}-${i}`}>
                  <td>{formatDateTime(d.at)}</td>
                  <td>
                    {d.ok ? (
                      <span className="tag tag--ok">● OK {d.status ?? ''}</span>
                    ) : (
                      <span className="tag tag--bad">✕ FAILED {d.status ?? ''}</span>
                    )}
                    {d.error ? <div className="wrap muted">{d.error}</div> : null}
                  </td>
                  <td>{d.event}</td>
                  <td className="mono wrap">{d.alertId ?? '—'}</td>
                  <td className="mono wrap">{d.url}</td>
                  <td className="num">{d.attempt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}

/** @module Admin: the webhook delivery log, newest first (every attempt, with its outcome). */
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { webhookEventName } from '../../labels/audit.js';
import { formatDateTime } from '../../lib/format.js';
import { adminApi } from './admin-api.js';
import { useLoad } from './useLoad.js';

export function DeliveriesPanel() {
  const log = useLoad(adminApi.deliveries, 'deliveries');
  const rows = log.data ? [...log.data].sort((a, b) => b.at - a.at) : null;
  return (
    <Panel
      title={t('admin.deliveries')}
      className="admin__panel"
      actions={
        <button type="button" className="btn btn--small" onClick={log.reload}>
          {t('admin.refresh')}
        </button>
      }
    >
      {log.error ? (
        <p className="error" role="alert">
          {log.error}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p className="empty">{t('deliveries.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <div className="admin__scroll">
          <table className="table admin__table">
            <caption className="visually-hidden">{t('deliveries.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.timeUtc')}</th>
                <th scope="col">{t('deliveries.result')}</th>
                <th scope="col">{t('deliveries.event')}</th>
                <th scope="col">{t('deliveries.alert')}</th>
                <th scope="col">URL</th>
                <th scope="col" className="num">
                  {t('deliveries.try')}
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
                      <span className="tag tag--ok">
                        ● {t('deliveries.ok')} {d.status ?? ''}
                      </span>
                    ) : (
                      <span className="tag tag--bad">
                        ✕ {t('deliveries.failed')} {d.status ?? ''}
                      </span>
                    )}
                    {d.error ? <div className="wrap muted">{d.error}</div> : null}
                  </td>
                  <td>{webhookEventName(d.event)}</td>
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

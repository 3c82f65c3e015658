/**
 * @module Admin: the geo databases (`WF_GEOIP_DB`, `WF_ASN_DB`), read again when their files change: per database its
 * file, what is loaded (type, build date, when), and a new file that did not open, with why (the one before is kept).
 */
import type { GeoDatabaseStatus } from '../../../../shared/schemas/intel.js';
import { t } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';

export function GeoDatabasesTable({ databases }: { databases: readonly GeoDatabaseStatus[] }) {
  return (
    <div className="admin__scroll">
      <table className="table admin__table" data-testid="geo-databases">
        <caption>{t('intel.geoCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('intel.geoDatabase')}</th>
            <th scope="col">{t('col.state')}</th>
            <th scope="col">{t('intel.geoType')}</th>
            <th scope="col">{t('intel.loaded')}</th>
          </tr>
        </thead>
        <tbody>
          {databases.map((d) => (
            <tr key={d.variable} data-geo={d.variable}>
              <td>
                <div>{d.variable}</div>
                <div className="mono wrap muted">{d.path}</div>
              </td>
              <td>
                {d.state === 'ok' ? (
                  <span className="tag tag--ok">● {t('deliveries.ok')}</span>
                ) : (
                  <>
                    <span className="tag tag--bad">✕ {t('deliveries.failed')}</span>
                    <div className="wrap">{d.error}</div>
                    <div className="muted">{t('intel.geoKept')}</div>
                  </>
                )}
              </td>
              <td>
                {d.type ?? '—'}
                {d.builtAt ? (
                  <div className="muted">{t('intel.geoBuilt', { at: formatDateTime(d.builtAt) })}</div>
                ) : null}
              </td>
              <td>{d.loadedAt ? formatDateTime(d.loadedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * @module Admin: the threat-intelligence feeds (`WF_INTEL`): per feed its state (a failed one says why and keeps its
 * previous contents), counts, when it last loaded, and what was skipped with why (warninglisted values among them);
 * the warninglists (`WF_INTEL_WARNINGLISTS`) with their state; the geo databases (`WF_GEOIP_DB`, `WF_ASN_DB`);
 * "Reload now" refreshes every feed and list, and reads a changed geo database again.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IntelStatus } from '../../../../shared/schemas/intel.js';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { API, call, routeKey } from '../../lib/api.js';
import { formatDateTime, formatInteger } from '../../lib/format.js';
import { GeoDatabasesTable } from './GeoDatabasesTable.js';

export function IntelFeedsPanel() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: routeKey(API.intel),
    queryFn: ({ signal }) => call(API.intel, {}, { signal }),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    setBusy(true);
    setError(null);
    try {
      client.setQueryData<IntelStatus>(routeKey(API.intel), await call(API.intelRefresh, {}));
    } catch (e) {
      setError(errorText(e, t('intel.reloadFailed')));
    } finally {
      setBusy(false);
    }
  };
  const st = query.data;
  return (
    <Panel
      title={st ? t('intel.title', { count: st.observables }) : t('admin.intel')}
      className="admin__panel"
      actions={
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void reload()}
          disabled={busy || !(st?.feeds.length || st?.geo?.length)}
        >
          {busy ? t('intel.reloading') : t('intel.reload')}
        </button>
      }
    >
      {query.error || error ? (
        <p className="error" role="alert">
          {error ?? errorText(query.error, t('intel.loadFailed'))}
        </p>
      ) : null}
      {st && st.feeds.length === 0 ? <p className="empty">{t('intel.none')}</p> : null}
      {/* a handful of feeds, each with why it failed: the table is shown whole, never a failed feed half hidden */}
      {st && st.feeds.length > 0 ? (
        <div className="admin__scroll admin__scroll--whole">
          <table className="table admin__table">
            <caption className="visually-hidden">{t('intel.caption', { s: st.refreshS })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('intel.feed')}</th>
                <th scope="col">{t('col.state')}</th>
                <th scope="col" className="num">
                  {t('intel.indicators')}
                </th>
                <th scope="col" className="num">
                  {t('intel.expired')}
                </th>
                <th scope="col" className="num">
                  {t('intel.skipped')}
                </th>
                <th scope="col">{t('intel.loaded')}</th>
              </tr>
            </thead>
            <tbody>
              {st.feeds.map((f) => (
                <tr key={f.name} data-feed={f.name}>
                  <td>
                    <div>{f.name}</div>
                    <div className="mono wrap muted">
                      {f.recognisedAs ?? f.kind}: {f.location}
                    </div>
                  </td>
                  <td>
                    {f.state === 'ok' ? <span className="tag tag--ok">● {t('deliveries.ok')}</span> : null}
                    {f.state === 'loading' ? <span className="tag">… {t('intel.loading')}</span> : null}
                    {f.state === 'error' ? (
                      <>
                        <span className="tag tag--bad">✕ {t('deliveries.failed')}</span>
                        {f.attemptedAt ? (
                          <span className="muted"> {formatDateTime(f.attemptedAt)}</span>
                        ) : null}
                        <div className="wrap">{f.error}</div>
                        {/* contents are kept only when there were some */}
                        <div className="muted">{f.loadedAt ? t('intel.kept') : t('intel.neverLoaded')}</div>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{formatInteger(f.indicators)}</td>
                  <td className="num">{formatInteger(f.expired)}</td>
                  <td className="num">
                    {f.skipped > 0 ? (
                      <details>
                        <summary>{formatInteger(f.skipped)}</summary>
                        <ul className="wrap">
                          {f.skippedList.map((s) => (
                            <li key={`${s.id}-${s.why}`}>
                              <span className="mono">{s.id}</span>: {s.why}
                              {s.text ? <div className="mono muted">{s.text}</div> : null}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : (
                      0
                    )}
                    {f.warned > 0 ? <div className="muted">{t('intel.warned', { n: f.warned })}</div> : null}
                  </td>
                  <td>{f.loadedAt ? formatDateTime(f.loadedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {st && st.warninglists.length > 0 ? <Warninglists lists={st.warninglists} /> : null}
      {st?.geo?.length ? <GeoDatabasesTable databases={st.geo} /> : null}
    </Panel>
  );
}

function Warninglists({ lists }: { lists: IntelStatus['warninglists'] }) {
  return (
    <div className="admin__scroll">
      <table className="table admin__table" data-testid="warninglists">
        <caption>{t('intel.warninglists')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('intel.location')}</th>
            <th scope="col">{t('col.state')}</th>
            <th scope="col">{t('intel.lists')}</th>
            <th scope="col" className="num">
              {t('intel.entries')}
            </th>
            <th scope="col">{t('intel.loaded')}</th>
          </tr>
        </thead>
        <tbody>
          {lists.map((w) => (
            <tr key={w.location}>
              <td className="mono wrap">{w.location}</td>
              <td>
                {w.state === 'ok' ? <span className="tag tag--ok">● {t('deliveries.ok')}</span> : null}
                {w.state === 'loading' ? <span className="tag">… {t('intel.loading')}</span> : null}
                {w.state === 'error' ? (
                  <>
                    <span className="tag tag--bad">✕ {t('deliveries.failed')}</span>
                    <div className="wrap">{w.error}</div>
                    <div className="muted">{t('intel.kept')}</div>
                  </>
                ) : null}
              </td>
              <td className="wrap">{w.names.join(', ')}</td>
              <td className="num">
                {formatInteger(w.entries)}
                {w.unsupported > 0 ? (
                  <div className="muted">{t('intel.unsupported', { n: w.unsupported })}</div>
                ) : null}
              </td>
              <td>{w.loadedAt ? formatDateTime(w.loadedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('intel.warninglistCaption')}</p>
    </div>
  );
}

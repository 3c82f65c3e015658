/**
 * @module Admin: the threat-intelligence feeds (`WF_INTEL`): per feed its state (a failed one says why and keeps its
 * previous contents), counts, when it last loaded, and what was skipped with why; "Reload now" refreshes every feed.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IntelStatus } from '../../../../shared/schemas/intel.js';
import { Panel } from '../../components/Panel.js';
import { API, call, routeKey } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';

const count = (n: number) => n.toLocaleString('en-US');

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
      setError(e instanceof Error && e.message ? e.message : 'Could not reload the feeds.');
    } finally {
      setBusy(false);
    }
  };
  const st = query.data;
  return (
    <Panel
      title={st ? `Intelligence feeds · ${count(st.observables)} indicators matched` : 'Intelligence feeds'}
      className="admin__panel"
      actions={
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void reload()}
          disabled={busy || !st?.feeds.length}
        >
          {busy ? 'Reloading…' : 'Reload now'}
        </button>
      }
    >
      {query.error || error ? (
        <p className="error" role="alert">
          {error ?? 'Could not load the feeds.'}
        </p>
      ) : null}
      {st && st.feeds.length === 0 ? (
        <p className="empty">No feeds: set WF_INTEL to load STIX, MISP or list feeds.</p>
      ) : null}
      {st && st.feeds.length > 0 ? (
        <div className="admin__scroll">
          <table className="table admin__table">
            <caption className="visually-hidden">
              Feeds, as WF_INTEL lists them; reloaded every {st.refreshS} s
            </caption>
            <thead>
              <tr>
                <th scope="col">Feed</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Indicators
                </th>
                <th scope="col" className="num">
                  Expired
                </th>
                <th scope="col" className="num">
                  Skipped
                </th>
                <th scope="col">Loaded (UTC)</th>
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
                    {f.state === 'ok' ? <span className="tag tag--ok">● OK</span> : null}
                    {f.state === 'loading' ? <span className="tag">… loading</span> : null}
                    {f.state === 'error' ? (
                      <>
                        <span className="tag tag--bad">✕ FAILED</span>
                        <div className="wrap">{f.error}</div>
                        <div className="muted">previous contents kept</div>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{count(f.indicators)}</td>
                  <td className="num">{count(f.expired)}</td>
                  <td className="num">
                    {f.skipped > 0 ? (
                      <details>
                        <summary>{count(f.skipped)}</summary>
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
                  </td>
                  <td>{f.loadedAt ? formatDateTime(f.loadedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}

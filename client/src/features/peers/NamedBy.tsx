/**
 * @module The hosts whose detectors' state names an address or a name (`GET /api/peers`): a hunter with one outside
 * address (a C2 from a report, a domain) finds every host of the network with evidence about it, each with what
 * named it and when. On the host page of any address, and on `/peers/:q` for a name from the search box.
 */
import { useQuery } from '@tanstack/react-query';
import { shownScore } from '../../../../shared/schemas/alert.js';
import { Link } from '../../components/Link.js';
import { useNow } from '../../hooks/useNow.js';
import { t } from '../../i18n/index.js';
import { detectorName } from '../../labels/detectors.js';
import { API, routeQuery } from '../../lib/api.js';
import { formatAge, formatClock } from '../../lib/format.js';

/** How often the answer is asked again while shown (the detectors' state moves with the traffic). */
const REFRESH_MS = 10_000;

export function NamedBy({ q }: { q: string }) {
  const query = useQuery({ ...routeQuery(API.peers, { query: { q } }), refetchInterval: REFRESH_MS });
  const now = useNow(5_000);
  const answer = query.data;
  return (
    <div data-testid="named-by">
      <p className="muted">{t('peers.intro')}</p>
      {query.isError ? <p className="error">{t('peers.failed')}</p> : null}
      {!answer && !query.isError ? <p className="empty">{t('app.loading')}</p> : null}
      {answer && answer.total === 0 ? <p className="empty">{t('peers.none', { q })}</p> : null}
      {answer && answer.peers.length > 0 ? (
        <>
          {answer.peers.length < answer.total ? (
            <p className="muted">{t('peers.shown', { shown: answer.peers.length, total: answer.total })}</p>
          ) : null}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('col.host')}</th>
                <th scope="col">{t('col.segment')}</th>
                <th scope="col" className="num">
                  {t('col.score')}
                </th>
                <th scope="col">{t('peers.namedAs')}</th>
                <th scope="col">{t('peers.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.peers.map((p) => (
                <tr key={p.ip} data-testid="named-by-host">
                  <td className="mono">
                    <Link to={`/hosts/${encodeURIComponent(p.ip)}`}>{p.ip}</Link>
                  </td>
                  <td className="wrap">{p.segment}</td>
                  <td className="num">{shownScore(p.score)}</td>
                  <td className="wrap">
                    {p.seen.map((s) => (
                      <div key={`${s.detector}/${s.value}`}>
                        {detectorName(s.detector)}
                        {s.value !== q ? <span className="mono"> · {s.value}</span> : null}
                      </div>
                    ))}
                  </td>
                  <td>
                    {t('peers.seenAt', {
                      clock: formatClock(p.seen[0]!.at),
                      age: formatAge(Math.max(0, now - p.seen[0]!.at)),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

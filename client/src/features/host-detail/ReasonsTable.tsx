/** @module Every reason behind a score: what was seen, what was expected, how much it added. */
import type { Reason } from '../../../../shared/schemas/score.js';
import { featureLabel } from '../../lib/feature-label.js';
import { formatFeatureValue } from '../../lib/format.js';

export function ReasonsTable({ reasons }: { reasons: readonly Reason[] }) {
  if (reasons.length === 0) return <p className="empty">No reasons: the host looks normal.</p>;
  const sorted = [...reasons].sort((a, b) => b.contribution - a.contribution);
  return (
    <table className="table reasons">
      <thead>
        <tr>
          <th scope="col">Detector</th>
          <th scope="col">Feature</th>
          <th scope="col" className="num">
            Observed
          </th>
          <th scope="col" className="num">
            Expected
          </th>
          <th scope="col" className="num">
            Band
          </th>
          <th scope="col" className="num">
            Adds
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={`${r.detector}/${r.feature}/${r.observed}/${r.contribution}`}>
            <td>{r.detector}</td>
            <td title={r.feature}>{featureLabel(r.detector, r.feature)}</td>
            <td className="num">{formatFeatureValue(r.feature, r.observed)}</td>
            <td className="num">{formatFeatureValue(r.feature, r.expected)}</td>
            <td className="num">
              {r.band
                ? `${formatFeatureValue(r.feature, r.band[0])} – ${formatFeatureValue(r.feature, r.band[1])}`
                : '—'}
            </td>
            <td className="num strong">+{Math.round(r.contribution)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

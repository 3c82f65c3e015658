/** @module The ATT&CK matrix: tactics as column groups, techniques as columns, segments as rows; a cell links to its alerts. */
import { Link } from '../../components/Link.js';
import { cellKey, type Matrix } from './matrix.js';

export function AttackMatrix({ matrix }: { matrix: Matrix }) {
  if (matrix.alerts === 0)
    return <p className="empty">No alert of this period names an ATT&amp;CK technique.</p>;
  return (
    <div className="attack-scroll">
      <table className="table attack-matrix">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Segment
            </th>
            {matrix.columns.map((c) => (
              <th key={c.tactic ?? 'other'} scope="colgroup" colSpan={c.techniques.length}>
                {c.tactic ?? 'other'}
              </th>
            ))}
          </tr>
          <tr>
            {matrix.columns.flatMap((c) =>
              c.techniques.map((t) => (
                <th key={t} scope="col">
                  {t}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {matrix.segments.map((segment) => (
            <tr key={segment}>
              <th scope="row">{segment}</th>
              {matrix.columns.flatMap((c) =>
                c.techniques.map((t) => {
                  const cell = matrix.cells.get(cellKey(segment, t));
                  return (
                    <td key={t} className={cell ? `sev sev--${cell.worst}` : undefined}>
                      {cell ? (
                        <Link to={cell.href} aria-label={`${cell.count} alerts of ${t} in ${segment}`}>
                          {cell.count}
                        </Link>
                      ) : null}
                    </td>
                  );
                }),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

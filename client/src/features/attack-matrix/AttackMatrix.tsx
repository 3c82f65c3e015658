/** @module The ATT&CK matrix: tactics as column groups, techniques as columns, segments as rows; a cell links to its alerts. */
import { tacticName, techniqueLabel, techniqueName } from '../../../../shared/attack.js';
import { Link } from '../../components/Link.js';
import { t } from '../../i18n/index.js';
import { cellKey, type Matrix } from './matrix.js';

export function AttackMatrix({ matrix }: { matrix: Matrix }) {
  if (matrix.alerts === 0) return <p className="empty">{t('attack.none')}</p>;
  return (
    <div className="attack-scroll">
      <table className="table attack-matrix">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('col.segment')}
            </th>
            {matrix.columns.map((c) => (
              <th key={c.tactic ?? 'other'} scope="colgroup" colSpan={c.techniques.length}>
                {c.tactic ? tacticName(c.tactic) : t('attack.other')}
              </th>
            ))}
          </tr>
          <tr>
            {matrix.columns.flatMap((c) =>
              c.techniques.map((tech) => (
                <th key={tech} scope="col" title={techniqueLabel(tech)}>
                  {tech}
                  {techniqueName(tech) ? (
                    <div className="attack-matrix__name">{techniqueName(tech)}</div>
                  ) : null}
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
                c.techniques.map((tech) => {
                  const cell = matrix.cells.get(cellKey(segment, tech));
                  return (
                    <td key={tech} className={cell ? `sev sev--${cell.worst}` : undefined}>
                      {cell ? (
                        <Link
                          to={cell.href}
                          aria-label={t('attack.cell', {
                            count: cell.count,
                            technique: techniqueLabel(tech),
                            segment,
                          })}
                        >
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

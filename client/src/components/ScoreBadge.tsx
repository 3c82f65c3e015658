/**
 * @module A score with its band word, coloured by band (colour is never the only signal); given the reasons behind
 * the score, a finding below the alert bands reads "elevated".
 */
import { shownScore } from '../../../shared/schemas/alert.js';
import type { Reason } from '../../../shared/schemas/score.js';
import { useScoreStyle } from '../app/AlertingProvider.js';

export function ScoreBadge({
  score,
  reasons,
  size = 'normal',
}: {
  score: number;
  reasons?: readonly Pick<Reason, 'contribution'>[];
  size?: 'normal' | 'large';
}) {
  const s = useScoreStyle()(score, reasons);
  return (
    <span
      className={`score score--${size} score--${s.band}`}
      data-band={s.band}
      style={{ background: s.background, color: s.foreground }}
    >
      <span className="score__value">{shownScore(score)}</span>
      <span className="score__label">{s.label}</span>
    </span>
  );
}

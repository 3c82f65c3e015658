/** @module A score with its severity word, coloured by band (colour is never the only signal). */
import { useScoreStyle } from '../app/AlertingProvider.js';

export function ScoreBadge({ score, size = 'normal' }: { score: number; size?: 'normal' | 'large' }) {
  const s = useScoreStyle()(score);
  return (
    <span className={`score score--${size}`} style={{ background: s.background, color: s.foreground }}>
      <span className="score__value">{Math.round(score)}</span>
      <span className="score__label">{s.label}</span>
    </span>
  );
}

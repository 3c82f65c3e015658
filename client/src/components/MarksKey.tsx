/** @module What the letters marking alert moments on a chart mean (R raised, A acknowledged, X resolved). */
import { MARK_LOOK } from '../labels/alerts.js';

export function MarksKey() {
  return (
    <p className="marks-key">
      {Object.values(MARK_LOOK)
        .map((m) => `${m.letter} ${m.word}`)
        .join(' · ')}
    </p>
  );
}

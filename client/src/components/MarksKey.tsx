/** @module What the letters marking alert moments on a chart mean (R raised, A acknowledged, X resolved). */
import { marksText } from '../labels/alerts.js';

export function MarksKey() {
  return <p className="marks-key">{marksText()}</p>;
}

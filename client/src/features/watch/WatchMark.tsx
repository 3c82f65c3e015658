/** @module The mark every screen puts beside a watched host, range member or domain: who watches it, why, until when. */
import type { WatchSubject } from '../../../../shared/schemas/watch.js';
import { formatDateTime } from '../../lib/format.js';
import { useWatched } from './useWatchlist.js';
import '../../styles/handoff.css';

export function WatchMark(props: WatchSubject) {
  const matched = useWatched(props);
  if (matched.length === 0) return null;
  const title = matched
    .map(
      (e) =>
        `Watched (${e.kind} ${e.value}) by ${e.author}: ${e.reason} — until ${formatDateTime(e.expiresAt)} UTC`,
    )
    .join('\n');
  return (
    <span className="watch-mark" title={title} data-testid="watch-mark">
      WATCHED
    </span>
  );
}

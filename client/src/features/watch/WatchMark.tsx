/** @module The mark every screen puts beside a watched host, range member or domain: who watches it, why, until when. */
import type { WatchSubject } from '../../../../shared/schemas/watch.js';
import { t } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useWatched } from './useWatchlist.js';
import '../../styles/handoff.css';

export function WatchMark(props: WatchSubject) {
  const matched = useWatched(props);
  if (matched.length === 0) return null;
  const title = matched
    .map((e) =>
      t('watch.markTitle', {
        kind: t(`watch.kinds.${e.kind}`),
        value: e.value,
        author: e.author,
        reason: e.reason,
        until: formatDateTime(e.expiresAt),
      }),
    )
    .join('\n');
  return (
    <span className="watch-mark" title={title} data-testid="watch-mark">
      {t('watch.mark')}
    </span>
  );
}

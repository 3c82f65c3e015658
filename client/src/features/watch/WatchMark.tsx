/**
 * @module The mark the operators' screens put beside a watched host, range member or domain: who watches it, why,
 * until when (from the watchlist), or how, when only the live frames say so.
 */
import type { WatchSubject } from '../../../../shared/schemas/watch.js';
import { t } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useWatched, useWatchKind } from './useWatchlist.js';
import '../../styles/handoff.css';

export function WatchMark(props: WatchSubject) {
  const matched = useWatched(props);
  // the server's word covers what the list alone cannot tell here (a host that reached a watched domain)
  const kind = useWatchKind(props.ip);
  if (matched.length === 0 && !kind) return null;
  const title =
    matched.length === 0
      ? t('watch.markHow', { how: t(`watch.how.${kind!}`) })
      : matched
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

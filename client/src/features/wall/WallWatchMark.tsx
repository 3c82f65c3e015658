/**
 * @module The wall's mark on a watched host: a filled circle and the word, on a light ground, as large as the text
 * around it (read from 5 m). The wall knows only what its frames say (whether a host on it is watched, and how).
 */
import { t } from '../../i18n/index.js';
import { useWatchKind } from '../watch/useWatchlist.js';

export function WallWatchMark({ ip, how = false }: { ip: string; how?: boolean }) {
  const kind = useWatchKind(ip);
  if (!kind) return null;
  const label = t(`watch.how.${kind}`);
  return (
    <span className="wwatch" data-testid="wall-watch-mark" data-kind={kind} title={label}>
      ◉ {t('watch.mark')}
      {how ? <span className="wwatch__how"> · {label}</span> : null}
    </span>
  );
}

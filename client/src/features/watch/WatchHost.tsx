/** @module On the host page: the watch mark, and (leads) putting the host under watch. */
import { useState } from 'react';
import { useMe } from '../../hooks/useMe.js';
import { t } from '../../i18n/index.js';
import { useWatched, useWatchKind } from './useWatchlist.js';
import { WatchForm } from './WatchForm.js';
import { WatchMark } from './WatchMark.js';

export function WatchHost({ ip }: { ip: string }) {
  const { canWatch } = useMe();
  // the list's word, or the server's in the live data (which may come first): never offered for a watched host
  const listed = useWatched({ ip }).length > 0;
  const marked = useWatchKind(ip) !== null;
  const watched = listed || marked;
  const [open, setOpen] = useState(false);
  return (
    <span className="watchhost">
      <WatchMark ip={ip} />
      {canWatch && !watched ? (
        <button
          type="button"
          className="btn btn--small"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {t('watch.watchHost')}
        </button>
      ) : null}
      {open && canWatch && !watched ? (
        <WatchForm kind="host" value={ip} onDone={() => setOpen(false)} />
      ) : null}
    </span>
  );
}

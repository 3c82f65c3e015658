/** @module The overview's watch panel: the team's saved hunts and the watchlist, side by side. */
import { Panel } from '../../components/Panel.js';
import { SavedHunts } from './SavedHunts.js';
import { WatchlistList } from './WatchlistList.js';
import '../../styles/handoff.css';
import { t } from '../../i18n/index.js';

export function WatchPanel() {
  return (
    <Panel title={t('watch.panel')} className="watch-panel">
      <div className="grid2 watchpanel">
        <SavedHunts />
        <WatchlistList />
      </div>
    </Panel>
  );
}

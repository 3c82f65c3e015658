/** @module `/peers/:q`: the hosts whose evidence names a name or an address typed in the search box. */

import { isIP } from '../../../shared/ip.js';
import { Panel } from '../components/Panel.js';
import { NamedBy } from '../features/peers/NamedBy.js';
import { t } from '../i18n/index.js';

export default function Peers({ q }: { q: string }) {
  return (
    <main className="page" id="main">
      <h1 className="page__title wrap">{t('peers.title', { q })}</h1>
      <Panel title={t(isIP(q) ? 'peers.panel' : 'peers.panelName')}>
        <NamedBy q={q} />
      </Panel>
    </main>
  );
}

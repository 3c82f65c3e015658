/**
 * @module `/admin` (admin role): users, sessions and the sign-in policy, display tokens, API tokens, alert settings,
 * webhook deliveries, dead-letter queue, intelligence feeds, and the processes sharing this Redis.
 * Other roles get a "not allowed" page; the server refuses every admin call anyway.
 */
import { Link } from '../components/Link.js';
import { ApiTokensPanel } from '../features/admin/ApiTokensPanel.js';
import { ClusterPanel } from '../features/admin/ClusterPanel.js';
import { DeliveriesPanel } from '../features/admin/DeliveriesPanel.js';
import { DlqPanel } from '../features/admin/DlqPanel.js';
import { SessionsPanel } from '../features/admin/SessionsPanel.js';
import { SettingsPanel } from '../features/admin/SettingsPanel.js';
import { ThroughputPanel } from '../features/admin/ThroughputPanel.js';
import { TokensPanel } from '../features/admin/TokensPanel.js';
import { UsersPanel } from '../features/admin/UsersPanel.js';
import { IntelFeedsPanel } from '../features/intel-feeds/IntelFeedsPanel.js';
import { useMe } from '../hooks/useMe.js';
import '../styles/admin.css';
import { t } from '../i18n/index.js';
import { roleName } from '../labels/roles.js';

const SECTIONS = [
  ['users', 'admin.users'],
  ['sessions', 'admin.sessions'],
  ['tokens', 'admin.tokens'],
  ['api-tokens', 'admin.apiTokens'],
  ['settings', 'admin.settings'],
  ['deliveries', 'admin.deliveries'],
  ['dlq', 'admin.dlq'],
  ['intel', 'admin.intel'],
  ['throughput', 'admin.throughput'],
  ['cluster', 'admin.cluster'],
] as const;

export default function Admin() {
  const me = useMe();
  if (!me.isAdmin) {
    return (
      <main className="page" id="main">
        <h1 className="page__title">{t('title.admin')}</h1>
        <p className="notice" role="alert">
          {t('admin.notAllowed', {
            user: me.username,
            role: me.role ? roleName(me.role) : t('admin.noRole'),
          })}
        </p>
        <p>
          <Link to="/">{t('admin.back')}</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="page admin" id="main">
      <div className="admin__bar">
        <h1 className="page__title">{t('title.admin')}</h1>
        <nav aria-label={t('admin.sections')} className="admin__nav">
          {SECTIONS.map(([id, label]) => (
            <a key={id} href={`#admin-${id}`}>
              {t(label)}
            </a>
          ))}
        </nav>
      </div>
      <div className="admin__cols">
        <div id="admin-users">
          <UsersPanel me={me.username} />
        </div>
        <div id="admin-sessions">
          <SessionsPanel />
        </div>
        <div id="admin-tokens">
          <TokensPanel />
        </div>
        <div id="admin-api-tokens">
          <ApiTokensPanel />
        </div>
        <div id="admin-settings">
          <SettingsPanel />
        </div>
        <div id="admin-deliveries">
          <DeliveriesPanel />
        </div>
      </div>
      <div id="admin-dlq">
        <DlqPanel />
      </div>
      <div id="admin-intel">
        <IntelFeedsPanel />
      </div>
      <div id="admin-throughput">
        <ThroughputPanel />
      </div>
      <div id="admin-cluster">
        <ClusterPanel />
      </div>
    </main>
  );
}

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
import { TokensPanel } from '../features/admin/TokensPanel.js';
import { UsersPanel } from '../features/admin/UsersPanel.js';
import { IntelFeedsPanel } from '../features/intel-feeds/IntelFeedsPanel.js';
import { useMe } from '../hooks/useMe.js';
import '../styles/admin.css';

const SECTIONS = [
  ['users', 'Users'],
  ['sessions', 'Sessions'],
  ['tokens', 'Display tokens'],
  ['api-tokens', 'API tokens'],
  ['settings', 'Alert settings'],
  ['deliveries', 'Webhook deliveries'],
  ['dlq', 'Dead-letter queue'],
  ['intel', 'Intelligence feeds'],
  ['cluster', 'Processes'],
] as const;

export default function Admin() {
  const me = useMe();
  if (!me.isAdmin) {
    return (
      <main className="page" id="main">
        <h1 className="page__title">Administration</h1>
        <p className="notice" role="alert">
          Not allowed: administration is for the admin role. You are signed in as {me.username} (
          {me.role ?? 'no role'}
          ).
        </p>
        <p>
          <Link to="/">Back to the overview</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="page admin" id="main">
      <div className="admin__bar">
        <h1 className="page__title">Administration</h1>
        <nav aria-label="Sections" className="admin__nav">
          {SECTIONS.map(([id, label]) => (
            <a key={id} href={`#admin-${id}`}>
              {label}
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
      <div id="admin-cluster">
        <ClusterPanel />
      </div>
    </main>
  );
}

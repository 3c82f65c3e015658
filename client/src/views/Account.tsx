/** @module `/account`: your own sessions and second factor (where the sign-in policy requires one, this page comes first). */

import { useAuth } from '../app/AuthProvider.js';
import { MySessionsPanel } from '../features/account/MySessionsPanel.js';
import { SecondFactorPanel } from '../features/account/SecondFactorPanel.js';
import '../styles/admin.css';

export default function Account() {
  const { auth } = useAuth();
  const enrolling = auth.status === 'in' && auth.me.mustEnrolTotp === true;
  return (
    <main className="page admin" id="main">
      <h1 className="page__title">Your account</h1>
      <div className="admin__cols">
        <SecondFactorPanel />
        {enrolling ? null : <MySessionsPanel />}
      </div>
    </main>
  );
}

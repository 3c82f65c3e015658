/** @module `/account`: your own sessions, second factor and language (where the sign-in policy requires one, this page comes first). */

import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/AuthProvider.js';
import { LanguagePanel } from '../features/account/LanguagePanel.js';
import { MySessionsPanel } from '../features/account/MySessionsPanel.js';
import { SecondFactorPanel } from '../features/account/SecondFactorPanel.js';
import '../styles/admin.css';

export default function Account() {
  const { t } = useTranslation();
  const { auth } = useAuth();
  const enrolling = auth.status === 'in' && auth.me.mustEnrolTotp === true;
  return (
    <main className="page admin" id="main">
      <h1 className="page__title">{t('account.title')}</h1>
      <div className="admin__cols">
        <SecondFactorPanel />
        <LanguagePanel />
        {enrolling ? null : <MySessionsPanel />}
      </div>
    </main>
  );
}

/** @module Any path the client does not know. */
import { useTranslation } from 'react-i18next';
import { Link } from '../components/Link.js';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </main>
  );
}

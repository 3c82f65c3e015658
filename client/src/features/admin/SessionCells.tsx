/** @module How a session is shown in a list (the admin's and a user's own): how it signed in, and from where. */
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';

interface SessionLike {
  via: string;
  amr: readonly string[];
  address: string;
  userAgent: string;
}

/** "single sign-on" or "password", with the factors the sign-in used. */
export function signedInWith(s: Pick<SessionLike, 'via' | 'amr'>): string {
  const via = s.via === 'oidc' ? t('account.viaSso') : t('account.viaPassword');
  return s.amr.length ? t('account.viaWith', { via, factors: s.amr.join(', ') }) : via;
}

/** The address and the browser a session came from. */
export function SessionFrom({ session }: { session: Pick<SessionLike, 'address' | 'userAgent'> }): ReactNode {
  return (
    <td className="wrap">
      <span className="mono">{session.address}</span>
      <div className="muted admin__agent" title={session.userAgent}>
        {session.userAgent}
      </div>
    </td>
  );
}

/** @module Admin: the sign-in policy — which roles need a second factor, whether a new sign-in ends the others. */
import { useState } from 'react';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { t } from '../../i18n/index.js';
import { roleName } from '../../labels/roles.js';
import { type AccountPolicy, adminApi, errorText } from './admin-api.js';
import { useLoad } from './useLoad.js';

export function SignInPolicy() {
  const policy = useLoad(adminApi.accountPolicy, 'policy');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (patch: Partial<AccountPolicy>) => {
    try {
      await adminApi.saveAccountPolicy(patch);
      setStatus(t('account.saved'));
      setError(null);
      policy.reload();
    } catch (e) {
      setError(errorText(e, t('policy.saveFailed')));
    }
  };
  const p = policy.data;
  const toggleRole = (role: Role) => {
    if (!p) return;
    const next = p.totpRequired.includes(role)
      ? p.totpRequired.filter((r) => r !== role)
      : [...p.totpRequired, role];
    void save({ totpRequired: next });
  };

  return (
    <section className="admin__form" aria-labelledby="sign-in-policy-title">
      <h3 id="sign-in-policy-title" className="admin__subtitle">
        {t('policy.title')}
      </h3>
      {policy.error ? (
        <p className="error" role="alert">
          {policy.error}
        </p>
      ) : null}
      {p ? (
        <>
          <fieldset className="admin__segments">
            <legend className="field__label">{t('policy.totpFor')}</legend>
            {ROLES.map((role) => (
              <label key={role} className="check">
                <input
                  type="checkbox"
                  name="totp-required"
                  value={role}
                  checked={p.totpRequired.includes(role)}
                  onChange={() => toggleRole(role)}
                />
                <span>{roleName(role)}</span>
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              name="new-login-ends-others"
              checked={p.newLoginEndsOthers}
              onChange={(e) => void save({ newLoginEndsOthers: e.target.checked })}
            />
            <span>{t('policy.endsOthers')}</span>
          </label>
        </>
      ) : null}
      <div role="status" className="flash">
        {status}
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
    </section>
  );
}

/**
 * @module Your second factor (TOTP): set it up (the QR code and the secret shown once, confirmed by a first code, then
 * the recovery codes shown once), or remove it with a current code where your role does not require it.
 */
import { type FormEvent, useState } from 'react';
import { useAuth } from '../../app/AuthProvider.js';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../admin/admin-api.js';
import { useLoad } from '../admin/useLoad.js';
import { accountApi, type TotpEnrolment } from './account-api.js';

export function SecondFactorPanel() {
  const status = useLoad(accountApi.totp, 'myTotp');
  const { recheck } = useAuth();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const attempt = async (work: () => Promise<void>, failed: string) => {
    try {
      await work();
      setError(null);
    } catch (e) {
      setError(errorText(e, failed));
    }
  };
  const start = () =>
    attempt(async () => {
      setEnrolment(await accountApi.enrol());
      setNote(null);
    }, t('account.startFailed'));
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      setCodes(await accountApi.confirm(code.trim()));
      setEnrolment(null);
      setCode('');
      status.reload();
    }, t('account.codeRefused'));
  };
  const remove = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await accountApi.remove(code.trim());
      setCode('');
      setNote(t('account.removed'));
      status.reload();
    }, t('account.notRemoved'));
  };
  const s = status.data;

  return (
    <Panel title={t('account.totp')} className="admin__panel">
      {status.error ? (
        <p className="error" role="alert">
          {status.error}
        </p>
      ) : null}
      {s && !s.enrolled && s.required && !codes ? (
        <p className="notice" role="alert">
          {t('account.required')}
        </p>
      ) : null}
      {codes ? (
        <section aria-labelledby="recovery-title">
          <h3 id="recovery-title" className="admin__subtitle">
            {t('account.recoveryTitle')}
          </h3>
          <p className="muted">{t('account.recoveryHelp')}</p>
          <ul className="mono recovery-codes">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => {
              setCodes(null);
              void recheck();
            }}
          >
            {t('account.saved_codes')}
          </button>
        </section>
      ) : null}
      {s?.enrolled && !codes ? (
        <>
          <p>{t('account.on', { count: s.recoveryCodesLeft })}</p>
          {s.required ? (
            <p className="muted">{t('account.requiredByRole')}</p>
          ) : (
            <form className="admin__row" onSubmit={remove}>
              <CodeField value={code} onChange={setCode} label={t('account.removeCode')} />
              <button type="submit" className="btn">
                {t('account.remove')}
              </button>
            </form>
          )}
        </>
      ) : null}
      {s && !s.enrolled && !codes && !enrolment ? (
        <button type="button" className="btn btn--primary" onClick={() => void start()}>
          {t('account.setUp')}
        </button>
      ) : null}
      {enrolment ? (
        <section aria-labelledby="enrol-title">
          <h3 id="enrol-title" className="admin__subtitle">
            {t('account.scan')}
          </h3>
          <img src={enrolment.qr} alt={t('account.qr')} width={240} height={240} />
          <p className="muted">
            {t('account.typeSecret')} <code className="mono">{enrolment.secret}</code>
          </p>
          <form className="admin__row" onSubmit={confirm}>
            <CodeField value={code} onChange={setCode} label={t('account.appCode')} />
            <button type="submit" className="btn btn--primary">
              {t('account.confirm')}
            </button>
          </form>
        </section>
      ) : null}
      <div role="status" className="flash">
        {note}
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
    </Panel>
  );
}

function CodeField({ value, onChange, label }: { value: string; onChange(v: string): void; label: string }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="field__input mono"
        name="totp"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        minLength={6}
        maxLength={32}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

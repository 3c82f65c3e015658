/** @module A lead's form to put a host, a CIDR range or a domain under watch, with a reason and an expiry. */
import { type FormEvent, useState } from 'react';
import { WATCH_KINDS, type WatchKind } from '../../../../shared/schemas/watch.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { API, call } from '../../lib/api.js';
import { useRefreshWatchlist } from './useWatchlist.js';

/** Expiry choices, hours. */
const EXPIRIES = [1, 8, 24, 168, 720, 2160] as const;

export function WatchForm({
  kind: initialKind = 'host',
  value: initialValue = '',
  onDone,
}: {
  kind?: WatchKind;
  value?: string;
  onDone?(): void;
}) {
  const [kind, setKind] = useState<WatchKind>(initialKind);
  const [value, setValue] = useState(initialValue);
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState<number>(168);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshWatchlist();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await call(API.addWatch, { body: { kind, value, reason, expiresInHours: hours } });
      setReason('');
      if (!initialValue) setValue('');
      await refresh();
      onDone?.();
    } catch (err) {
      setError(errorText(err, t('watch.addFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="watchform"
      onSubmit={submit}
      onInput={() => setError('')}
      aria-label={t('watch.formLabel')}
    >
      <label className="field">
        <span className="field__label">{t('watch.kind')}</span>
        <select className="field__input" value={kind} onChange={(e) => setKind(e.target.value as WatchKind)}>
          {WATCH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`watch.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('watch.value')}</span>
        <input
          className="field__input mono"
          name="watch-value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={kind === 'host' ? '10.1.2.3' : kind === 'cidr' ? '10.1.0.0/16' : 'evil.example'}
          required
        />
      </label>
      <label className="field">
        <span className="field__label">{t('watch.reason')}</span>
        <input
          className="field__input"
          name="watch-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          required
        />
      </label>
      <label className="field">
        <span className="field__label">{t('watch.expiresAfter')}</span>
        <select className="field__input" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {EXPIRIES.map((h) => (
            <option key={h} value={h}>
              {h < 24 ? t('watch.hours', { count: h }) : t('watch.days', { count: h / 24 })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {t('watch.submit')}
      </button>
      <div className="dialog__error" role="alert">
        {error}
      </div>
    </form>
  );
}

/**
 * @module Hand-off of an alert: download it as a STIX 2.1 bundle or a MISP event, and (leads) create it in TheHive.
 * Each is audited by the server; the alert's history is fetched again so that it shows at once.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { routeUrl } from '../../../../shared/contract.js';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { HANDOFF_FORMATS, type HandoffFormat } from '../../../../shared/schemas/handoff.js';
import { useMe } from '../../hooks/useMe.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { API, call, routeKey } from '../../lib/api.js';

export function HandoffActions({ alert }: { alert: Alert }) {
  const { canHandOff: canPush } = useMe();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: routeKey(API.alert, { params: { id: alert.id } }) });

  const download = async (format: HandoffFormat) => {
    setBusy(true);
    try {
      const res = await fetch(routeUrl(API.exportAlert, { id: alert.id }, { format }), {
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(t('handoff.exportFailed', { status: res.status }));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `watchfloor-alert-${alert.id}.${format}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ ok: true, text: t('handoff.exported', { format: t(`handoff.${format}`) }) });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  const push = async () => {
    setBusy(true);
    try {
      const r = await call(API.theHive, { params: { id: alert.id } });
      setMessage({ ok: true, text: t('handoff.sent', { id: r.theHiveId, count: r.observables }) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, t('handoff.sendFailed')) });
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  return (
    <div className="handoff" role="toolbar" aria-label={t('handoff.toolbar')}>
      {HANDOFF_FORMATS.map((f) => (
        <button key={f} type="button" className="btn" disabled={busy} onClick={() => void download(f)}>
          {t('handoff.export', { format: t(`handoff.${f}`) })}
        </button>
      ))}
      {canPush ? (
        <button type="button" className="btn" disabled={busy} onClick={() => void push()}>
          {t('handoff.theHive')}
        </button>
      ) : null}
      {message ? (
        <span className={message.ok ? 'muted' : 'error'} role="status" data-testid="handoff-message">
          {message.text}
        </span>
      ) : null}
    </div>
  );
}

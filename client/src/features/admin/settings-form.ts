/** @module The settings form's fields and their validation (the server's rules, checked before sending). Pure. */
import { hasUserInfo } from '../../../../shared/redact-url.js';
import { SETTINGS_LIMITS as L } from '../../../../shared/schemas/admin.js';
import { t } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import type { Settings } from './admin-api.js';

/** What the form edits: thresholds as typed, holds in seconds. */
export interface SettingsDraft {
  raise: string;
  raiseHoldS: string;
  clear: string;
  clearHoldS: string;
  /** The watchlist's lower raise threshold. */
  watchRaise: string;
  webhooks: string[];
}

export type DraftErrors = Partial<Record<keyof SettingsDraft | 'form', string>>;

export function toDraft(s: Settings): SettingsDraft {
  return {
    raise: String(s.raise),
    raiseHoldS: String(s.raiseHoldMs / 1000),
    clear: String(s.clear),
    clearHoldS: String(s.clearHoldMs / 1000),
    watchRaise: String(s.watchRaise),
    webhooks: [...s.webhooks],
  };
}

function num(v: string): number | null {
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Errors per field (empty when valid) and the body to PUT. */
export function validateDraft(d: SettingsDraft): {
  errors: DraftErrors;
  value: Omit<Settings, never> | null;
} {
  const errors: DraftErrors = {};
  const raise = num(d.raise);
  const clear = num(d.clear);
  const raiseHold = num(d.raiseHoldS);
  const clearHold = num(d.clearHoldS);
  const watchRaise = num(d.watchRaise);
  const within = (v: number | null, [lo, hi]: readonly [number, number]) => v !== null && v >= lo && v <= hi;
  const seconds = ([lo, hi]: readonly [number, number]) => [lo / 1000, hi / 1000] as const;
  const range = ([lo, hi]: readonly [number, number]) => ({ lo: formatCount(lo), hi: formatCount(hi) });
  if (!within(raise, L.raise)) errors.raise = t('settings.raiseRange', range(L.raise));
  if (!within(clear, L.clear)) errors.clear = t('settings.clearRange', range(L.clear));
  else if (raise !== null && !errors.raise && clear! >= raise) errors.clear = t('settings.clearBelow');
  if (!within(raiseHold, seconds(L.raiseHoldMs)))
    errors.raiseHoldS = t('settings.raiseHoldRange', range(seconds(L.raiseHoldMs)));
  if (!within(clearHold, seconds(L.clearHoldMs)))
    errors.clearHoldS = t('settings.clearHoldRange', range(seconds(L.clearHoldMs)));
  if (!within(watchRaise, L.watchRaise))
    errors.watchRaise = t('settings.watchRaiseRange', range(L.watchRaise));
  if (d.webhooks.length > L.webhooks) errors.webhooks = t('settings.tooManyHooks', { count: L.webhooks });
  for (const u of d.webhooks) {
    const problem = hookProblem(u);
    if (problem) errors.webhooks = problem;
  }
  if (Object.keys(errors).length > 0) return { errors, value: null };
  return {
    errors,
    value: {
      raise: raise!,
      clear: clear!,
      raiseHoldMs: Math.round(raiseHold! * 1000),
      clearHoldMs: Math.round(clearHold! * 1000),
      watchRaise: watchRaise!,
      webhooks: d.webhooks,
    },
  };
}

/** Why a webhook URL cannot be used (the server refuses the same), or undefined. */
export function hookProblem(u: string): string | undefined {
  if (!isHttpUrl(u)) return t('settings.notUrl', { url: u });
  if (hasUserInfo(u)) return t('settings.hookUserInfo', { url: u });
  return undefined;
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

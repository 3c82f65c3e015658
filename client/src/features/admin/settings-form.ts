/** @module The settings form's fields and their validation (the server's rules, checked before sending). Pure. */
import type { Settings } from './admin-api.js';

/** What the form edits: thresholds as typed, holds in seconds. */
export interface SettingsDraft {
  raise: string;
  raiseHoldS: string;
  clear: string;
  clearHoldS: string;
  webhooks: string[];
}

export type DraftErrors = Partial<Record<keyof SettingsDraft | 'form', string>>;

export function toDraft(s: Settings): SettingsDraft {
  return {
    raise: String(s.raise),
    raiseHoldS: String(s.raiseHoldMs / 1000),
    clear: String(s.clear),
    clearHoldS: String(s.clearHoldMs / 1000),
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
  if (raise === null || raise < 1 || raise > 100) errors.raise = 'Raise threshold: a number from 1 to 100.';
  if (clear === null || clear < 0 || clear > 100) errors.clear = 'Clear threshold: a number from 0 to 100.';
  else if (raise !== null && !errors.raise && clear >= raise)
    errors.clear = 'Clear threshold must be below the raise threshold (hysteresis).';
  if (raiseHold === null || raiseHold < 0 || raiseHold > 3600)
    errors.raiseHoldS = 'Raise hold: 0 to 3,600 seconds.';
  if (clearHold === null || clearHold < 0 || clearHold > 86_400)
    errors.clearHoldS = 'Clear hold: 0 to 86,400 seconds.';
  if (d.webhooks.length > 20) errors.webhooks = 'At most 20 webhooks.';
  for (const u of d.webhooks) if (!isHttpUrl(u)) errors.webhooks = `Not an http(s) URL: ${u}`;
  if (Object.keys(errors).length > 0) return { errors, value: null };
  return {
    errors,
    value: {
      raise: raise!,
      clear: clear!,
      raiseHoldMs: Math.round(raiseHold! * 1000),
      clearHoldMs: Math.round(clearHold! * 1000),
      webhooks: d.webhooks,
    },
  };
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

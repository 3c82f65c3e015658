/**
 * @module Server-made text on screens: the server sends its English beside a catalogue key and parameters
 * (errors, refusals, system notes); the screens translate the key and fall back to the English where there is none.
 */
import type { TextParams } from '../../../shared/locale.js';
import { roleName } from '../labels/roles.js';
import { formatDuration } from '../lib/format.js';
import { ApiError } from '../lib/request.js';
import { i18n, t } from './index.js';

/** `key` under `server.` in the catalogues, or the English `fallback` where the catalogues do not know it. */
export function serverText(
  ref: { key?: string | undefined; params?: TextParams | undefined },
  fallback: string,
): string {
  const key = ref.key ? `server.${ref.key}` : null;
  return key && i18n.exists(key) ? t(key, readable(ref.params)) : fallback;
}

/**
 * The parameters, with a wait in `seconds` also as `wait` in words ("14 min 7 s", not "847 s"), and a `role` in the
 * screen's language (Lithuanian text names an operator *operatorius*).
 */
function readable(params: TextParams | undefined): TextParams | undefined {
  if (!params) return params;
  const seconds = params.seconds;
  const role = params.role;
  return {
    ...params,
    ...(typeof seconds === 'number' ? { wait: formatDuration(seconds) } : {}),
    ...(typeof role === 'string' ? { role: roleName(role) } : {}),
  };
}

/**
 * What to tell a user about a failed request: the server's text translated, else the kind of failure in words
 * (with the server's detail), else `fallback` (already translated by the caller).
 */
export function errorText(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  if (error.text && i18n.exists(`server.${error.text.key}`)) return serverText(error.text, error.message);
  return t(`errors.${error.code}`, { detail: error.message });
}

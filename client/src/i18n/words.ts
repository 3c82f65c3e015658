/**
 * @module Word tables read at the moment they are printed: an object whose every property is a catalogue key's text
 * in the current language (a getter), so a table such as `COUNT_LABEL.waiting` keeps one name everywhere and always
 * speaks the language of the screens.
 */
import { t } from './index.js';

/**
 * `{name: key}` → `{name: t(key)}`, each looked up when read (never spread such an object: a spread copies today's
 * words). `fixed` adds properties that are the same in every language (a shape, a letter).
 */
export function words<const K extends string, F extends object = Record<never, never>>(
  keys: Readonly<Record<K, string>>,
  fixed?: F,
): Readonly<Record<K, string>> & Readonly<F> {
  const out = { ...fixed } as Record<K, string> & F;
  for (const name of Object.keys(keys) as K[]) {
    Object.defineProperty(out, name, { enumerable: true, get: () => t(keys[name]) });
  }
  return out;
}

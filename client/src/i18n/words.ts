/**
 * @module Word tables read at the moment they are printed: an object whose every property is a catalogue key's text
 * in the current language (a getter), so a table such as `COUNT_LABEL.waiting` keeps one name everywhere and always
 * speaks the language of the screens.
 */
import { t } from './index.js';

/** `{name: key}` → `{name: t(key)}`, each looked up when read. */
export function words<const K extends string>(
  keys: Readonly<Record<K, string>>,
): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const name of Object.keys(keys) as K[]) {
    Object.defineProperty(out, name, { enumerable: true, get: () => t(keys[name]) });
  }
  return out;
}

/**
 * @module The language of the screens: one i18next instance over the catalogues (`en.ts`, `lt.ts`, the same keys),
 * plural rules and interpolation by i18next (Intl.PluralRules: Lithuanian has one, few, many and other), React
 * escaping the values. A key missing from both catalogues is recorded (`missingKeys`) for the browser tests.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale, pickLocale } from '../../../shared/locale.js';
import { en } from './en.js';
import { lt } from './lt.js';

export const CATALOGUES = { en, lt } as const;

/** Keys asked for and found in no catalogue, as `locale:key` (read by the browser tests through `window`). */
export const missingKeys = new Set<string>();

/** The browser's preference among our languages (English where it names none of them). */
export function browserLocale(): Locale {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return pickLocale(nav ? [...(nav.languages ?? []), nav.language] : []);
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, lt: { translation: lt } },
  lng: browserLocale(),
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  initAsync: false,
  interpolation: { escapeValue: false },
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => {
    for (const l of lngs) missingKeys.add(`${l}:${key}`);
  },
});

if (typeof window !== 'undefined') {
  (window as unknown as { __wfMissingKeys: Set<string> }).__wfMissingKeys = missingKeys;
}

/** The language the screens are in now. */
export function currentLocale(): Locale {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return (LOCALES as readonly string[]).includes(l) ? (l as Locale) : DEFAULT_LOCALE;
}

/** Switches every screen to `locale` (and the page's `lang`, for screen readers and hyphenation). */
export async function applyLocale(locale: Locale): Promise<void> {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (currentLocale() !== locale || i18n.language !== locale) await i18n.changeLanguage(locale);
}

/**
 * Translations without parameters, per language: a table renders the same labels row after row, and i18next resolves
 * each call afresh (the browser bench profiled 15–30 ms of a page's first render in it). Emptied when the language
 * changes.
 */
const plain = new Map<string, string>();
i18n.on('languageChanged', () => plain.clear());

/** A translation outside React (formatting helpers); components use `useTranslation()`. */
export function t(key: string, params?: Record<string, unknown>): string {
  if (params) return i18n.t(key, params) as string;
  let text = plain.get(key);
  if (text === undefined) {
    text = i18n.t(key, {}) as string;
    plain.set(key, text);
  }
  return text;
}

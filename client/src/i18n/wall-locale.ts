/** @module The wall's language: `?lang=` on its URL, else its display token's, else the screen's browser's. Pure. */
import { asLocale, type Locale } from '../../../shared/locale.js';

export function wallLocale(search: string, tokenLocale: Locale | undefined, browser: Locale): Locale {
  return asLocale(new URLSearchParams(search).get('lang')) ?? tokenLocale ?? browser;
}

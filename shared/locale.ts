/**
 * @module The languages of the screens: the locales a user, a display token or a wall URL may name, and how a
 * browser's preferences pick one. The words themselves live in the client's catalogues (`client/src/i18n/`).
 */
import { z } from 'zod';

/** Every locale the catalogues hold; the first is the default. */
export const LOCALES = ['en', 'lt'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
export const DEFAULT_LOCALE: Locale = 'en';

/** Each locale's name in its own language (the language menu lists them so). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', lt: 'Lietuvių' };

/** The Intl locale behind each of ours: British English (day before month, 24-hour clock), Lithuanian. */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-GB', lt: 'lt-LT' };

/** A language tag (`lt`, `lt-LT`, `EN-gb`) as one of ours, or null. */
export function asLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : null;
}

/** The first of `tags` (in order of preference, as `navigator.languages`) that is ours; else the default. */
export function pickLocale(tags: readonly (string | null | undefined)[]): Locale {
  for (const t of tags) {
    const l = asLocale(t);
    if (l) return l;
  }
  return DEFAULT_LOCALE;
}

/**
 * Server-made text a screen shows (an error, a refusal): a catalogue key and its parameters, beside the English
 * `message` that programs read. The client translates `key` (under `server.`) and falls back to the English.
 */
export const textParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type TextParams = z.infer<typeof textParamsSchema>;
export interface TextRef {
  key: string;
  params?: TextParams;
}

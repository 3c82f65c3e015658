/**
 * @module Where a peer is, in words: the country's name in the screens' language (the browser knows them), and its
 * AS; the word order from the catalogues (`geo.*`).
 */
import { INTL_LOCALE } from '../../../shared/locale.js';
import { type Geo, geoSchema } from '../../../shared/schemas/geo.js';
import { currentLocale, t } from '../i18n/index.js';

const names = new Map<string, Intl.DisplayNames | null>();

/** `KP` → "North Korea" (lt "Šiaurės Korėja"); the code itself where the browser has no name for it. */
export function countryName(code: string): string {
  const tag = INTL_LOCALE[currentLocale()];
  let n = names.get(tag);
  if (n === undefined) {
    try {
      n = new Intl.DisplayNames([tag], { type: 'region' });
    } catch {
      n = null;
    }
    names.set(tag, n);
  }
  try {
    return n?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "North Korea (KP) · AS64500 Example Bulletproof Hosting"; empty when nothing is known. Plain text. */
export function placeLabel(g: Geo | undefined): string {
  if (!g) return '';
  const country = g.country ? t('geo.country', { name: countryName(g.country), code: g.country }) : '';
  const as =
    g.asn === undefined
      ? ''
      : g.org
        ? t('geo.as', { asn: g.asn, org: g.org })
        : t('geo.asNumber', { asn: g.asn });
  return country && as ? t('geo.both', { country, as }) : country || as;
}

/** The place an event carries in a field (`dst_geo`, `src_geo`), when it is a valid one. */
export function eventPlace(v: unknown): Geo | undefined {
  if (v === undefined) return undefined;
  const parsed = geoSchema.safeParse(v);
  return parsed.success ? parsed.data : undefined;
}

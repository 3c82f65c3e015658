/** @module Where a peer is, in words: the country's name in the reader's language (the browser knows them), and its AS. */
import { type Geo, geoSchema } from '../../../shared/schemas/geo.js';

let names: Intl.DisplayNames | null | undefined;

/** `KP` → "North Korea"; the code itself where the browser has no name for it. */
export function countryName(code: string): string {
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(['en-GB'], { type: 'region' });
    } catch {
      names = null;
    }
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "North Korea (KP) · AS64500 Example Bulletproof Hosting"; empty when nothing is known. Plain text. */
export function placeLabel(g: Geo | undefined): string {
  if (!g) return '';
  const country = g.country ? `${countryName(g.country)} (${g.country})` : '';
  const as = g.asn !== undefined ? `AS${g.asn}${g.org ? ` ${g.org}` : ''}` : '';
  return [country, as].filter(Boolean).join(' · ');
}

/** The place an event carries in a field (`dst_geo`, `src_geo`), when it is a valid one. */
export function eventPlace(v: unknown): Geo | undefined {
  if (v === undefined) return undefined;
  const parsed = geoSchema.safeParse(v);
  return parsed.success ? parsed.data : undefined;
}

/** @module A detector's name as the screens print it (`detector.<id>` in the catalogues; an unknown id as it is). */
import { i18n, t } from '../i18n/index.js';

export function detectorName(id: string): string {
  return i18n.exists(`detector.${id}`) ? t(`detector.${id}`) : id;
}

/**
 * @module Plain words for the detectors' features in the screen's language (units and English words in
 * shared/features.ts, the words of each language in the catalogues).
 */
import { FEATURES, splitFeature, TEXT_FEATURES } from '../../../shared/features.js';
import { FEED_FAILED } from '../../../shared/schemas/intel.js';
import { t } from '../i18n/index.js';

export { featureUnit } from '../../../shared/features.js';

/**
 * A feature in plain words: `distinct_ports_10s` → "distinct destination ports in 10 s"; a suffix
 * (`encoded_queries_per_min evil.example`, `failures_per_min user=x`) is kept as is; an IDS signature is quoted
 * after its words; unknown ids get their underscores replaced by spaces. Pure; plain text (features may carry
 * attacker-chosen strings).
 */
export function featureLabel(detector: string, feature: string): string {
  // a feed that failed to load (a system alert of the intel detector) is no match
  if (detector === 'intel' && feature.startsWith(FEED_FAILED))
    return t('reason.feedFailed', { text: feature.slice(FEED_FAILED.length).trim() });
  if (Object.hasOwn(TEXT_FEATURES, detector)) {
    return t('reason.signature', { label: t(`textFeature.${detector}`), text: feature });
  }
  const { head, tail } = splitFeature(feature);
  const label = Object.hasOwn(FEATURES, head) ? t(`feature.${head}`) : head.replaceAll('_', ' ');
  return `${label}${tailWords(tail)}`;
}

/** The parameters a detector writes after a feature, in the catalogue's words ("port 443", "sensor=x"). */
const PARAMS = ['sensor', 'user', 'country', 'as'] as const;

/**
 * A feature's suffix in the screen's language: ` port 443` and ` sensor=…`, ` user=…`, ` country=…`, ` as=…` by the
 * catalogue (a Lithuanian reason read "prievade port 443"); anything else (a destination, a domain) as it came.
 */
function tailWords(tail: string): string {
  const port = /^ port (\d+)$/.exec(tail);
  if (port) return ` ${t('featureParam.port', { value: port[1] })}`;
  const eq = tail.indexOf('=');
  const name = eq > 1 ? tail.slice(1, eq) : '';
  if ((PARAMS as readonly string[]).includes(name) && !tail.slice(1, eq).includes(' '))
    return ` ${t(`featureParam.${name}`, { value: tail.slice(eq + 1) })}`;
  return tail;
}

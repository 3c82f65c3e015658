/**
 * @module The ATT&CK techniques each built-in detector's findings are evidence of, defined once: every reason made
 * with `reason()` (evidence.ts) carries them. Detectors whose evidence names techniques of its own (ids from the
 * rule's metadata, intel from the indicator) add those.
 *
 * | detector · feature | techniques |
 * | --- | --- |
 * | scan | T1046 Network Service Discovery |
 * | beacon | T1071 Application Layer Protocol, T1573 Encrypted Channel |
 * | dns encoded names, TXT bursts (tunnelling) | T1071.004 DNS, T1048 Exfiltration Over Alternative Protocol |
 * | dns NXDOMAIN rate | T1568.002 Domain Generation Algorithms |
 * | auth | T1110 Brute Force |
 * | volume bytes out (exfiltration) | T1041 Exfiltration Over C2 Channel, T1048 |
 * | silence (a sensor gone quiet) | T1562 Impair Defenses |
 *
 * A first contact with a country or AS (`first-contact`) maps to nothing: a new destination is not a technique by
 * itself, and the megabytes that make it weigh show up as volume (T1041, T1048) when they leave.
 */

const TUNNEL = ['T1071.004', 'T1048'] as const;
const EXFIL = ['T1041', 'T1048'] as const;

/** Techniques of a built-in detector's reason, by detector and feature; undefined when it names none. */
export function attackOf(detector: string, feature: string): readonly string[] | undefined {
  switch (detector) {
    case 'scan':
      return ['T1046'];
    case 'beacon':
      return ['T1071', 'T1573'];
    case 'dns':
      return feature.startsWith('nxdomain') ? ['T1568.002'] : TUNNEL;
    case 'auth':
      return ['T1110'];
    case 'volume':
      return feature.startsWith('bytes_out') ? EXFIL : undefined;
    case 'silence':
      return ['T1562'];
    default:
      return undefined;
  }
}

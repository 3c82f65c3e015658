/** @module The detector set Watchfloor scores with, in reason order. */

import type { IntelIndex } from '../../intel/intel-index.js';
import type { GeoSource } from '../geo-places.js';
import type { Detector } from '../types.js';
import { authDetector } from './auth.js';
import { type BeaconOptions, beaconDetector } from './beacon.js';
import { dnsDetector } from './dns.js';
import { type FirstContactOptions, firstContactDetector } from './first-contact.js';
import { idsDetector } from './ids.js';
import { intelDetector } from './intel.js';
import { noveltyDetector } from './novelty.js';
import { rateDetector } from './rate.js';
import { scanDetector } from './scan.js';
import { type SilenceOptions, silenceDetector } from './silence.js';
import { type VolumeOptions, volumeDetector } from './volume.js';

export interface DefaultDetectorOptions {
  volume?: VolumeOptions;
  beacon?: BeaconOptions;
  silence?: SilenceOptions;
  firstContact?: FirstContactOptions;
  /** Where addresses are (the geo databases): the first-contact detector acts on flows it places. @default none */
  geo?: GeoSource | null;
  /** The indicator index of the threat-intelligence feeds; the intel detector runs when given. @default none */
  intel?: () => IntelIndex | null;
  /** Leave detectors out by id (`beacon`, `silence`…). @default none */
  disable?: readonly string[];
}

/**
 * Every detector: volume (with peer fallback), scan, beacon, dns, auth, ids, novelty, first contact (acting on flows
 * the geo databases place), silence, and scoring v0's event rate
 * on segments only (it feeds the segment baseline shown in charts; hosts are covered by volume).
 */
export function defaultDetectors(opts: DefaultDetectorOptions = {}): Detector[] {
  // segment bytes per second are one backup away from an alarm: volume judges bytes (smoothed, per host)
  const segmentRate: Detector = { ...(rateDetector({ bytes: false }) as Detector), entities: ['segment'] };
  const all: Detector[] = [
    volumeDetector(opts.volume) as Detector,
    scanDetector() as Detector,
    beaconDetector(opts.beacon) as Detector,
    dnsDetector() as Detector,
    authDetector() as Detector,
    idsDetector() as Detector,
    noveltyDetector() as Detector,
    firstContactDetector({ geo: opts.geo ?? null, ...opts.firstContact }) as Detector,
    silenceDetector(opts.silence) as Detector,
    segmentRate,
  ];
  if (opts.intel) all.push(intelDetector(opts.intel) as Detector);
  const off = new Set(opts.disable ?? []);
  return all.filter((d) => !off.has(d.id));
}

export {
  authDetector,
  beaconDetector,
  dnsDetector,
  firstContactDetector,
  idsDetector,
  intelDetector,
  noveltyDetector,
  rateDetector,
  scanDetector,
  silenceDetector,
  volumeDetector,
};

/**
 * @module The intel cases of `npm run eval`: a STIX bundle and a MISP feed written for the team's samples
 * (tests/fixtures/intel: the RITA beacon's destination, dnscat2's domain, the FormBook C2, the Dridex C2 and its
 * JA3), loaded through the product's feed reader, matched while every sample is replayed with every detector.
 * Judged: each named host matches with an `intel` reason and its techniques (and alerts when the indicator's
 * confidence says it should), no other host of any sample matches, and the expired and revoked indicators, whose
 * values the samples do contain, match nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFeed } from '../server/intel/feed-reader.js';
import { type IntelHit, IntelIndex } from '../server/intel/intel-index.js';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';
import { type CaseResult, samplesDir } from './eval-cases.js';
import { type ReplayOutcome, replay } from './eval-replay.js';
import { loadSample } from './samples.js';

const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures', 'intel');

/** The index, remembering every match (host → indicator values, and when each host first matched). */
class RecordingIndex extends IntelIndex {
  readonly matched = new Map<string, { values: Set<string>; first: number }>();
  override match(ev: NormalizedEvent): IntelHit[] | null {
    const hits = super.match(ev);
    if (hits) {
      const m = this.matched.get(ev.src_ip) ?? { values: new Set<string>(), first: ev.ts };
      for (const h of hits) m.values.add(h.value);
      this.matched.set(ev.src_ip, m);
    }
    return hits;
  }
}

interface IntelCase {
  name: string;
  file: string;
  host: string;
  /** Indicator values that must match for the host, and a technique its reasons must name. */
  values: readonly string[];
  technique: string;
  /** Whether the host must alert (an indicator of confidence ≥ 80 among them). */
  alerts: boolean;
}

export const INTEL_CASES: readonly IntelCase[] = [
  {
    name: 'intel: RITA beacon destination (STIX)',
    file: 'zeek_tsv_conn_rita_proxy_beacon.log',
    host: '10.136.0.18',
    values: ['10.136.0.16'],
    technique: 'T1071.001',
    alerts: true,
  },
  {
    name: 'intel: dnscat2 domain (STIX)',
    file: 'zeek_json_dns_rita_dnscat2.log',
    host: '192.168.88.2',
    values: ['r-1x.com'],
    technique: 'T1071.004',
    alerts: true,
  },
  {
    name: 'intel: FormBook C2 (MISP)',
    file: 'suricata_eve_formbook_dridex.json',
    host: '172.16.0.131',
    values: ['www.jogoreviravolta.com'],
    technique: 'T1071.001',
    alerts: true,
  },
  {
    name: 'intel: Dridex C2 and its JA3 (MISP)',
    file: 'suricata_eve_formbook_dridex.json',
    host: '172.16.0.149',
    values: ['135.148.121.246', '51c64c77e60f3980eea90869b68c58a8'],
    technique: 'T1573',
    alerts: true,
  },
  {
    name: 'intel: Dridex JA3 alone (MISP, confidence 60)',
    file: 'suricata_eve_formbook_dridex.json',
    host: '172.16.0.170',
    values: ['51c64c77e60f3980eea90869b68c58a8'],
    technique: 'T1573',
    alerts: false,
  },
];

/** Values of the expired and revoked indicators of the bundle, which the samples contain. */
const EXPIRED_VALUES = ['52.182.141.63', '8.8.8.8', '75.75.75.75'];
const SAMPLE_FILES = [
  'zeek_tsv_conn_rita_proxy_beacon.log',
  'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz',
  'zeek_json_conn_rita.log',
  'zeek_json_dns_rita_dnscat2.log',
  'suricata_eve_formbook_dridex.json',
  'suricata_eve_nmap_scan.json',
];

/** Loads the fixtures' feeds as the server does (expired and revoked indicators left out at `now`). */
async function loadIndicators(now: number) {
  const stix = await readFeed(
    { kind: 'stix', location: join(FIXTURES, 'samples-bundle.json'), name: 'samples' },
    now,
  );
  const misp = await readFeed({ kind: 'misp', location: join(FIXTURES, 'misp'), name: 'misp' }, now);
  return { indicators: [...stix.parsed.indicators, ...misp.parsed.indicators], expired: stix.parsed.expired };
}

export async function intelCases(dir = samplesDir()): Promise<CaseResult[]> {
  const missing = SAMPLE_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    const skipped = `${join(dir, missing[0]!)} not found`;
    return INTEL_CASES.map((c) => ({
      case: c.name,
      expected: c.host,
      detected: false,
      ttdMs: null,
      peak: 0,
      falseAlerts: 0,
      note: '',
      target: '',
      pass: true,
      skipped,
    }));
  }
  const { indicators, expired } = await loadIndicators(Date.now());
  const runs = new Map<string, { out: ReplayOutcome; index: RecordingIndex }>();
  const hosts = new Set<string>();
  for (const file of SAMPLE_FILES) {
    const index = new RecordingIndex(indicators);
    const events = await loadSample(join(dir, file));
    for (const e of events) hosts.add(e.event.src_ip);
    const out = replay([events], { detectors: defaultDetectors({ intel: () => index }) });
    runs.set(file, { out, index });
  }
  const rows: CaseResult[] = INTEL_CASES.map((c) => {
    const { out, index } = runs.get(c.file)!;
    const m = index.matched.get(c.host);
    const raise = out.raises.find((r) => r.id === c.host);
    const intelReasons = raise?.reasons.filter((r) => r.detector === 'intel') ?? [];
    const techniques = new Set(intelReasons.flatMap((r) => r.attack ?? []));
    const named = c.values.every((v) => m?.values.has(v));
    const technique = techniques.has(c.technique) || !c.alerts;
    const detected = named && (c.alerts ? intelReasons.length > 0 : true);
    return {
      case: c.name,
      expected: c.host,
      detected,
      ttdMs: raise && m && intelReasons.length > 0 ? raise.at - m.first : null,
      peak: out.peaks.get(c.host)?.score ?? 0,
      falseAlerts: 0,
      note: `matched ${[...(m?.values ?? [])].join(', ') || 'nothing'}${techniques.size ? `; ${[...techniques].join(' ')}` : ''}`,
      target: c.alerts
        ? `intel reason on its alert${c.technique ? ` with ${c.technique}` : ''}`
        : 'matched, adds evidence',
      pass: detected && technique,
    };
  });
  // Every sample: only the named hosts match anything; the expired and revoked values never match.
  const named = new Set(INTEL_CASES.map((c) => c.host));
  const others: string[] = [];
  let expiredHits = 0;
  for (const { index } of runs.values()) {
    for (const [host, m] of index.matched) {
      if (!named.has(host)) others.push(`${host} (${[...m.values].join(', ')})`);
      for (const v of EXPIRED_VALUES) if (m.values.has(v)) expiredHits++;
    }
  }
  rows.push({
    case: 'intel: benign hosts of every sample',
    expected: '(none)',
    detected: others.length > 0,
    ttdMs: null,
    peak: 0,
    falseAlerts: others.length,
    note: `${hosts.size - named.size} other hosts, ${others.length} matched${others.length ? `: ${others.slice(0, 3).join(' ')}` : ''}`,
    target: 'no match',
    pass: others.length === 0,
  });
  rows.push({
    case: 'intel: expired and revoked indicators',
    expected: '(none)',
    detected: expiredHits > 0,
    ttdMs: null,
    peak: 0,
    falseAlerts: expiredHits,
    note: `${expired} left out at load; their values (${EXPIRED_VALUES.join(', ')}) are in the samples; ${expiredHits} matched`,
    target: 'no match',
    pass: expiredHits === 0 && expired === 2,
  });
  return rows;
}

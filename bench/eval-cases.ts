/**
 * @module The labelled cases of `npm run eval` from the public samples of ../shared/datasets (the simulator's are in
 * ./eval-sim.ts). Every case is replayed as the product would score it live, and judged by the product's own alert
 * rule (./eval-replay.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ReplayOutcome, ranking, replay, why } from './eval-replay.js';
import { loadSample } from './samples.js';

export interface CaseResult {
  case: string;
  expected: string;
  detected: boolean;
  /** Event time from the start of the activity to the alert, ms; null when not detected. */
  ttdMs: number | null;
  peak: number;
  falseAlerts: number;
  /** Extra facts (rank, reason, alerting hosts). */
  note: string;
  /** The target, in words. */
  target: string;
  /** Targets met (detection, time to detect, false alerts). */
  pass: boolean;
  skipped?: string;
}

interface SampleCase {
  name: string;
  file: string;
  expected: readonly string[];
  target: string;
  /** Other hosts the sample labels as malicious: their alerts are not false. */
  alsoMalicious?: readonly string[];
  judge(out: ReplayOutcome, expected: readonly string[]): { detected: boolean; note: string; pass?: boolean };
}

const alerted = (out: ReplayOutcome, ip: string) => out.raises.some((r) => r.id === ip);

export const SAMPLE_CASES: readonly SampleCase[] = [
  {
    name: 'RITA proxy beacon',
    target: 'top 3 + alert',
    file: 'zeek_tsv_conn_rita_proxy_beacon.log',
    expected: ['10.136.0.18'],
    judge(out, [ip]) {
      const rank = ranking(out.peaks).indexOf(ip!) + 1;
      return { detected: rank >= 1 && rank <= 3 && alerted(out, ip!), note: `rank ${rank || '-'}` };
    },
  },
  {
    name: 'dnscat2 DNS',
    target: 'alert',
    file: 'zeek_json_dns_rita_dnscat2.log',
    expected: ['192.168.88.2'],
    judge: (out, [ip]) => ({
      detected: alerted(out, ip!),
      note: `rank ${ranking(out.peaks).indexOf(ip!) + 1}`,
    }),
  },
  {
    name: 'FormBook/Dridex EVE',
    target: 'rank above the rest',
    file: 'suricata_eve_formbook_dridex.json',
    expected: ['172.16.0.131', '172.16.0.149', '172.16.0.170'],
    judge(out, expected) {
      const order = ranking(out.peaks);
      const ranks = expected.map((ip) => order.indexOf(ip) + 1);
      const top = ranks.every((r) => r >= 1 && r <= expected.length);
      const alerts = expected.filter((ip) => alerted(out, ip)).length;
      const note = `ranks ${ranks.join(',')}; next ${order[expected.length] ?? '-'}; ${alerts}/${expected.length} alerted`;
      return { detected: top, note };
    },
  },
  {
    name: 'nmap EVE',
    target: 'alert with a scan reason',
    file: 'suricata_eve_nmap_scan.json',
    expected: ['192.168.50.30'],
    alsoMalicious: ['192.168.50.20'],
    judge(out, [ip]) {
      const raise = out.raises.find((r) => r.id === ip);
      const scan =
        out.engine.host(ip!)?.reasons.some((r) => r.detector === 'scan') ||
        raise?.reasons.some((r) => r.detector === 'scan');
      return { detected: raise !== undefined && scan === true, note: why(raise) };
    },
  },
  {
    name: 'RITA rolling 1 h (benign)',
    target: '≤ 2 alerts',
    file: 'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz',
    expected: [],
    judge: (out) => ({
      detected: out.raises.length > 0,
      note: `alerts ${out.raises.length}${out.raises[0] ? ` (${out.raises[0].id} ${why(out.raises[0])})` : ''}`,
      pass: out.raises.length <= 2,
    }),
  },
];

export function samplesDir(): string {
  return process.env.WF_SAMPLES_DIR ?? join(process.cwd(), '..', 'shared', 'datasets');
}

/** Runs the sample cases; a missing directory or file gives a skipped row with the reason. */
export async function sampleCases(dir = samplesDir()): Promise<CaseResult[]> {
  const rows: CaseResult[] = [];
  for (const c of SAMPLE_CASES) {
    const path = join(dir, c.file);
    const base = {
      case: c.name,
      expected: c.expected.join(' ') || '(none)',
      target: c.target,
      ttdMs: null,
      peak: 0,
      falseAlerts: 0,
    };
    if (!existsSync(path)) {
      rows.push({ ...base, detected: false, note: '', pass: true, skipped: `${path} not found` });
      continue;
    }
    const events = await loadSample(path);
    const out = replay([events]);
    const verdict = c.judge(out, c.expected);
    const mine = new Set([...c.expected, ...(c.alsoMalicious ?? [])]);
    const falseAlerts = out.raises.filter((r) => !mine.has(r.id)).length;
    const firstSeen = c.expected.map((ip) => events.find((e) => e.event.src_ip === ip)?.event.ts ?? 0);
    const hits = c.expected.map((ip, i) => {
      const r = out.raises.find((x) => x.id === ip);
      return r ? r.at - firstSeen[i]! : null;
    });
    const found = hits.filter((h): h is number => h !== null);
    rows.push({
      ...base,
      detected: verdict.detected,
      ttdMs: found.length > 0 ? Math.min(...found) : null,
      peak: Math.max(0, ...c.expected.map((ip) => out.peaks.get(ip)?.score ?? 0)),
      falseAlerts: c.expected.length === 0 ? out.raises.length : falseAlerts,
      note: verdict.note,
      pass: verdict.pass ?? verdict.detected,
    });
  }
  return rows;
}

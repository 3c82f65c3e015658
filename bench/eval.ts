/**
 * @module `npm run eval`: every labelled case, one table (case, expected entity, detected, time to detect in event
 * time, peak score, false alerts). Exit code 1 when a target is missed. `WF_EVAL_MINUTES` shortens the simulator's
 * hour, `WF_EVAL_DAY_MINUTES` its day (0 leaves the day out).
 */
import { type CaseResult, sampleCases } from './eval-cases.js';
import { dayCases, simulatorCases } from './eval-sim.js';

const minutes = Number(process.env.WF_EVAL_MINUTES ?? 60);
const dayMinutes = Number(process.env.WF_EVAL_DAY_MINUTES ?? 24 * 60);
const started = performance.now();
const rows: CaseResult[] = [
  ...simulatorCases({ durationMs: minutes * 60_000 }),
  ...(dayMinutes > 0 ? dayCases({ durationMs: dayMinutes * 60_000 }) : []),
  ...(await sampleCases()),
];

const header = [
  'case',
  'expected entity',
  'detected',
  'time to detect',
  'peak',
  'false alerts',
  'target',
  'note',
];
const cells = rows.map((r) =>
  r.skipped
    ? [r.case, r.expected, 'skipped', '', '', '', '', r.skipped]
    : [
        r.case,
        r.expected,
        r.detected ? 'yes' : 'no',
        r.ttdMs === null ? '-' : `${(r.ttdMs / 1000).toFixed(0)} s`,
        r.peak.toFixed(1),
        String(r.falseAlerts),
        `${r.pass ? 'met' : 'MISSED'}: ${r.target}`,
        r.note,
      ],
);
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const c of cells) console.log(line(c));
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = rows.every((r) => r.pass) ? 0 : 1;

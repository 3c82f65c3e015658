/** The intel cases of `npm run eval` on the team's samples: each named host matches, no other does, expired never. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../../bench/eval-cases.js';
import { intelCases } from '../../bench/eval-intel.js';

const dir = samplesDir();
if (!existsSync(dir)) console.log(`eval-intel: ${dir} not found; the intel cases are skipped`);

describe.skipIf(!existsSync(dir))('eval: intel cases', () => {
  it('every case meets its target', async () => {
    const rows = await intelCases(dir);
    expect(rows.length).toBe(7);
    expect(rows.filter((r) => !r.pass).map((r) => `${r.case}: ${r.note}`)).toEqual([]);
    expect(rows.find((r) => r.case.includes('dnscat2'))!.note).toMatch(/r-1x\.com; T1071\.004/);
  }, 120_000);
});

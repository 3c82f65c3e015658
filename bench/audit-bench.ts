/**
 * @module An alert's history against the size of the audit trail: read through the alert's own audit index
 * against a scan of the whole trail (the way it was read before the index), in one run, with a trail of
 * `BENCH_AUDIT_RECORDS` (default 1,000,000) records of which the alert owns a handful. Run: `npx tsx bench/audit-bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { AuditLog, auditFields } from '../server/alerts/audit.js';
import { createRedis } from '../server/redis/connections.js';
import { Keys, STREAM_CAPS } from '../server/redis/keys.js';
import { TestRedis } from '../tests/support/redis-server.js';

export async function runAuditBench(records: number): Promise<{ indexMs: number; scanMs: number }> {
  const server = await TestRedis.start();
  const redis = createRedis(server.url, 'bench');
  try {
    const keys = new Keys('bench:');
    const audit = new AuditLog(redis, keys);
    const own = 8;
    const every = Math.floor(records / own);
    for (let i = 0; i < records; i += 5000) {
      const p = redis.pipeline();
      for (let j = i; j < Math.min(i + 5000, records); j++) {
        const r = {
          at: Date.now(),
          actor: 'lead1',
          role: 'lead',
          action: 'alert.note' as const,
          alertId: `A${j + 10}`,
          note: 'n',
        };
        if (j % every === 0) continue; // the measured alert's own records are appended through the index below
        p.xadd(keys.audit, 'MAXLEN', '~', STREAM_CAPS.audit, '*', ...auditFields(r));
      }
      await p.exec();
      if (i % every < 5000)
        await audit.append({
          at: Date.now(),
          actor: 'lead1',
          role: 'lead',
          action: 'alert.note' as const,
          alertId: 'A1',
          note: `${i}`,
        });
    }
    const time = async (f: () => Promise<unknown>, reps: number) => {
      await f();
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) await f();
      return (performance.now() - t0) / reps;
    };
    const viaIndex = await audit.ofAlert('A1');
    const viaScan = await audit.query({ alert: 'A1' });
    if (viaIndex.length !== viaScan.length || viaIndex.length === 0) {
      throw new Error(`index and scan disagree: ${viaIndex.length} vs ${viaScan.length}`);
    }
    const indexMs = await time(() => audit.ofAlert('A1'), 200);
    const scanMs = await time(() => audit.query({ alert: 'A1' }), 3);
    console.log(
      `trail of ${(await redis.xlen(keys.audit)).toLocaleString('en')} records, the alert owns ${viaIndex.length}: ` +
        `history through its index ${indexMs.toFixed(2)} ms, by scanning the trail ${scanMs.toFixed(0)} ms ` +
        `(${(scanMs / indexMs).toFixed(0)}× slower)`,
    );
    return { indexMs, scanMs };
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runAuditBench(Number(process.env.BENCH_AUDIT_RECORDS ?? 1_000_000));
}

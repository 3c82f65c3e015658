/**
 * Every real sample (../shared/datasets, SOURCES.md) replayed into a real Redis at `--speed max` and at `--speed 10`:
 * each ends with every record of the file sent or skipped with a reason, long gaps compressed and reported. The
 * `--speed 10` runs use a virtual clock (the replay's pacing is real, its sleeping is not), so the test can check that
 * the FormBook/Dridex capture, whose last record is stamped three years after the rest, takes minutes of wall time
 * instead of 2,574 hours, without waiting for them. `--segment` is followed through the server's ingest.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedis, type Redis } from '../../server/redis/connections.js';
import { type ReplaySummary, replay } from '../../server/replay/replay.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { samplesDir } from '../fixtures/decoding.js';
import { eventually, startTestServer } from '../support/server.js';

/** Records per file (SOURCES.md): JSON lines, or TSV data rows. */
const RECORDS: Record<string, number> = {
  'suricata_eve_formbook_dridex.json': 2325,
  'suricata_eve_nmap_scan.json': 1055,
  'zeek_json_conn_rita.log': 29,
  'zeek_json_dns_rita_dnscat2.log': 34,
  'zeek_tsv_conn_rita_proxy_beacon.log': 463,
  'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz': 7260,
};
const FORMBOOK = 'suricata_eve_formbook_dridex.json';
const YEAR = 365 * 86_400_000;

const dir = samplesDir(Object.keys(RECORDS));
let redis: Redis;
beforeAll(() => {
  redis = createRedis(inject('redisUrl'), 'test-replay-samples');
});
afterAll(async () => {
  await redis.quit();
});

const stream = () => `replay-${randomUUID().slice(0, 8)}`;

/** A clock that jumps forward when the replay sleeps. */
function virtualClock() {
  let now = Date.now();
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

/** Every line of the file is accounted for: sent, or skipped with a reason. */
function expectAllAccounted(file: string, s: ReplaySummary) {
  const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0);
  expect(s.read).toBe(RECORDS[file]);
  expect(s.sent + skipped).toBe(s.read);
  expect(s.interrupted).toBe(false);
}

describe.skipIf(!dir)('every sample replayed to the end', () => {
  for (const file of Object.keys(RECORDS)) {
    it(`${file} at --speed max: every record sent, gaps reported`, async () => {
      const key = stream();
      const s = await replay({ files: [join(dir!, file)], stream: key, speed: 'max' }, { redis });
      expectAllAccounted(file, s);
      expect(s.skipped).toEqual({});
      expect(await redis.xlen(key)).toBe(s.sent);
      if (file === FORMBOOK) {
        // the malformed stats line is sent as written (the server dead-letters it), three years after the rest
        expect(s.gaps.count).toBe(2);
        expect(s.gaps.longest).toMatchObject({ file: join(dir!, file), line: 2325 });
        expect(s.gaps.longest!.ms).toBeGreaterThan(2.9 * YEAR);
        // --rebase now at max: the compressed capture ends now, so the bulk lands within the last hour
        const [[, [, first]]] = (await redis.xrange(key, '-', '+', 'COUNT', 1)) as [[string, string[]]];
        expect(Date.now() - Date.parse(JSON.parse(first!).timestamp)).toBeLessThan(3_600_000);
      }
    });

    it(`${file} at --speed 10: ends after its compressed capture time / 10`, async () => {
      const key = stream();
      const time = virtualClock();
      const began = time.clock();
      const s = await replay({ files: [join(dir!, file)], stream: key, speed: 10 }, { redis, ...time });
      expectAllAccounted(file, s);
      expect(await redis.xlen(key)).toBe(s.sent);
      const compressed = s.lastEventTs! - s.firstEventTs! - s.gaps.removedMs;
      expect(Math.abs(s.durationMs - compressed / 10)).toBeLessThan(250);
      // the last record's timestamp was moved to the moment it was sent
      const [[, fields]] = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as [[string, string[]]];
      const last = JSON.parse(fields[1]!) as { timestamp?: string; ts?: number };
      const stamped = last.timestamp ? Date.parse(last.timestamp) : last.ts! * 1000;
      expect(Math.abs(stamped - (began + compressed / 10))).toBeLessThan(1_000);
      if (file === FORMBOOK) {
        // 45 min of capture and a 3-year silence: about 4.5 min at 10×, not 2,574 h
        expect(s.gaps.count).toBe(2);
        expect(s.durationMs).toBeGreaterThan(4 * 60_000);
        expect(s.durationMs).toBeLessThan(5 * 60_000);
      }
    });
  }

  it(`${FORMBOOK} --as native: the malformed record and the unscored ones are reported, the rest sent`, async () => {
    const key = stream();
    const s = await replay(
      { files: [join(dir!, FORMBOOK)], stream: key, speed: 'max', as: 'native' },
      { redis },
    );
    expectAllAccounted(FORMBOOK, s);
    expect(s.skipped).toEqual({ other: 933, missing_field: 1 });
    expect(s.sent).toBe(1391);
  });
});

describe.skipIf(!dir)('--segment', () => {
  it('puts every replayed host in the segment, through the server', async () => {
    const key = stream();
    const server = await startTestServer(inject('redisUrl'), { WF_STREAMS: key });
    try {
      const accepted: NormalizedEvent[] = [];
      const apply = server.live.apply.bind(server.live);
      server.live.apply = (events, now) => {
        for (const e of events) accepted.push(e.event);
        apply(events, now);
      };
      const s = await replay(
        {
          files: [join(dir!, 'suricata_eve_nmap_scan.json')],
          stream: key,
          speed: 'max',
          rebase: 'keep',
          as: 'native',
          segment: 'lab',
        },
        { redis },
      );
      await eventually(async () => (accepted.length === s.sent ? true : undefined));
      expect(new Set(accepted.map((e) => e.segment))).toEqual(new Set(['lab']));
    } finally {
      await server.close();
    }
  });
});

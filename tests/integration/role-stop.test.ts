/**
 * A process of each role alone stops cleanly (every `docker compose stop` of the several-process layout): closing
 * threw in a process without `web`, whose Socket.IO server is attached to no HTTP server.
 */
import { describe, expect, inject, it } from 'vitest';
import { startTestServer } from '../support/server.js';

describe('stopping a process of one role', () => {
  for (const role of ['ingest', 'score', 'web', 'ingest,score']) {
    it(`closes a process of roles ${role}, its port freed`, async () => {
      const wf = await startTestServer(inject('redisUrl'), { WF_ROLES: role, WF_PARTITIONS: '4' });
      expect((await fetch(`${wf.url}/healthz`)).status).toBe(200);
      await expect(wf.close()).resolves.toBeUndefined();
      await expect(fetch(`${wf.url}/healthz`)).rejects.toThrow();
    }, 30_000);
  }
});

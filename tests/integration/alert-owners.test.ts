/**
 * With several processes each partition has its own alert engine: an engine ends the episodes of the alerts it owns
 * and does not follow (their scoring state went with a restart), never another partition's live alert (QA D-1: every
 * engine ended every alert it was not following, so a live scan read "episode over, score 0" between updates).
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertEngine } from '../../server/alerts/alert-engine.js';
import type { Alert } from '../../shared/schemas/alert.js';
import { observation } from '../support/alerts.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
});
afterAll(async () => {
  await wf?.close();
});

const logger = pino({ level: 'silent' });
const engineFor = (segment: string) =>
  new AlertEngine({
    service: wf.alerts,
    rules: wf.rules,
    logger,
    owns: (a: Alert) => a.segment === segment,
  });

describe('alert engines of several partitions', () => {
  it('end only the episodes of their own alerts', async () => {
    const energy = engineFor('energy');
    const health = engineFor('health');
    const now = Date.now();
    const scan = (ip: string, segment: string, i: number) =>
      observation(ip, 90, now + i * 1000, 'scan', segment);
    // each engine raises its partition's alert
    for (let i = 0; i <= 4; i++) {
      await energy.tick([scan('10.1.0.5', 'energy', i)], now + i * 1000, now);
      await health.tick([scan('10.2.0.5', 'health', i)], now + i * 1000, now);
    }
    const idOf = async (ip: string) => (await wf.alerts.store.idForKey(`scan:host:${ip}`))!;
    const [energyAlert, healthAlert] = [await idOf('10.1.0.5'), await idOf('10.2.0.5')];

    // health's partition is taken over (its scorer died): the new engine follows nothing of what the old one raised;
    // past its start-up grace it ends its own partition's alert, and must leave energy's, whose evidence goes on
    const takenOver = engineFor('health');
    const later = now + 40_000;
    await energy.tick([scan('10.1.0.5', 'energy', 40)], now + 40_000, later);
    await takenOver.tick([], now + 40_000, later);

    expect(await wf.alerts.store.get(energyAlert)).toMatchObject({ active: true });
    expect((await wf.alerts.store.get(energyAlert))!.score).toBeGreaterThan(80);
    expect(await wf.alerts.store.get(healthAlert)).toMatchObject({ active: false, score: 0 });
  });
});

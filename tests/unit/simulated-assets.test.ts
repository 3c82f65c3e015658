/** The header search finds the built-in simulator's host names (`npm start`), as it finds WF_ASSETS's. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../server/scoring/assets.js';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import { searchLive } from '../../server/search.js';
import { SensorRegistry } from '../../server/sensors.js';
import { EMBEDDED_SEED } from '../../server/simulate/embedded.js';
import { buildTopology, simulatedAssets } from '../../server/simulate/network-model.js';

describe("the simulator's host names", () => {
  const topology = buildTopology(EMBEDDED_SEED);
  const server = topology.hosts.find((h) => h.role === 'server')!;
  const workstation = topology.hosts.find((h) => h.role === 'workstation')!;

  it('are found by the search, by part of the name, ranked as asset names', () => {
    const engine = new ScoringEngine({
      detectors: defaultDetectors(),
      assets: loadInventory(undefined, simulatedAssets(topology)),
    });
    const now = Date.UTC(2026, 11, 6, 10);
    for (const h of [server, workstation])
      engine.ingest(
        { ts: now, sensor: 's', kind: 'flow', src_ip: h.ip, segment: h.segment, dst_ip: '10.0.0.1' },
        h.ip,
        now,
      );
    const answer = searchLive(
      { engine, sensors: new SensorRegistry() },
      server.name.slice(0, -1).toLowerCase(),
      now,
    );
    expect(answer.results[0]).toMatchObject({
      type: 'asset',
      id: server.ip,
      label: `${server.name} (${server.ip})`,
    });
    expect(
      searchLive({ engine, sensors: new SensorRegistry() }, workstation.name.toLowerCase(), now).results,
    ).toEqual([expect.objectContaining({ type: 'asset', id: workstation.ip })]);
  });

  it('leave scores as they are, and give way to WF_ASSETS for the same address', () => {
    const assets = simulatedAssets(topology);
    expect(new Set(Object.values(assets).map((a) => a.criticality))).toEqual(new Set(['medium']));
    const dir = mkdtempSync(join(tmpdir(), 'wf-assets-'));
    const file = join(dir, 'assets.json');
    writeFileSync(file, JSON.stringify({ [server.ip]: { name: 'payroll-db', criticality: 'critical' } }));
    const inventory = loadInventory(file, assets);
    expect(inventory.lookup(server.ip)).toMatchObject({ name: 'payroll-db', criticality: 'critical' });
    expect(inventory.lookup(workstation.ip)?.name).toBe(workstation.name);
  });
});

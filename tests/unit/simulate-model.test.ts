import { describe, expect, it } from 'vitest';
import {
  buildTopology,
  diurnalFactor,
  HOST_ROLES,
  officeLoad,
  segmentCidrs,
} from '../../server/simulate/network-model.js';
import { cyclingSchedule, DEFAULT_CYCLE, fixedSchedule } from '../../server/simulate/schedule.js';
import { truthFromFields, truthToFields } from '../../server/simulate/truth.js';
import { cidrMatcher } from '../../shared/ip.js';

describe('network model', () => {
  const topo = buildTopology(42);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(buildTopology(42))).toBe(JSON.stringify(topo));
    expect(JSON.stringify(buildTopology(43))).not.toBe(JSON.stringify(topo));
  });

  it('has named segments with their own CIDR, 1–2 sensors and every role', () => {
    expect(topo.segments.length).toBeGreaterThanOrEqual(6);
    expect(new Set(topo.segments.map((s) => s.cidr)).size).toBe(topo.segments.length);
    for (const s of topo.segments) {
      expect(s.sensors.length).toBeGreaterThanOrEqual(1);
      expect(s.sensors.length).toBeLessThanOrEqual(2);
      for (const role of HOST_ROLES) expect(s.byRole[role].length, `${s.name} ${role}`).toBeGreaterThan(0);
    }
    expect(segmentCidrs(topo)).toContainEqual({ segment: 'energy-grid', cidr: '10.20.0.0/16' });
  });

  it('puts the configured number of distinct hosts inside their segment CIDR', () => {
    expect(topo.hosts).toHaveLength(600);
    expect(new Set(topo.hosts.map((h) => h.ip)).size).toBe(600);
    for (const s of topo.segments) {
      const inside = cidrMatcher(s.cidr)!;
      for (const h of s.hosts) expect(inside(h.ip)).toBe(true);
    }
    expect(buildTopology(1, { hosts: 2000 }).hosts).toHaveLength(2000);
    expect(() => buildTopology(1, { hosts: 10 })).toThrow(RangeError);
  });

  it('spreads normal activity (lognormal) and follows office hours', () => {
    const ws = topo.hosts.filter((h) => h.role === 'workstation').map((h) => h.activity);
    expect(Math.max(...ws) / Math.min(...ws)).toBeGreaterThan(5);
    const monday = Date.UTC(2025, 2, 3);
    const at = (day: number, hour: number) => monday + day * 86_400_000 + (hour - 1) * 3_600_000; // UTC+1
    expect(officeLoad(at(0, 10), 60)).toBeGreaterThan(0.9);
    expect(officeLoad(at(0, 3), 60)).toBeLessThan(0.01);
    expect(officeLoad(at(5, 10), 60)).toBeLessThan(0.3);
    let sum = 0;
    for (let m = 0; m < 1440; m++) sum += diurnalFactor(at(1, 0) + m * 60_000, 60);
    expect(sum / 1440).toBeCloseTo(1, 2);
  });
});

describe('schedules', () => {
  it('cycles through every scenario, the first within a minute', () => {
    const origin = 1_700_000_000_000;
    const s = cyclingSchedule({ origin });
    const plans = s.plansOverlapping(origin, origin + 25 * 60_000);
    expect(plans[0]!.start - origin).toBeLessThanOrEqual(60_000);
    expect(new Set(plans.slice(0, 5).map((p) => p.scenario))).toEqual(new Set(DEFAULT_CYCLE));
    // a long plan (beacon) is still found from a window near its end
    const beacon = plans.find((p) => p.scenario === 'beacon')!;
    const late = beacon.start + beacon.durationMs - 1;
    expect(s.plansOverlapping(late, late + 1).map((p) => p.id)).toContain(beacon.id);
    expect(cyclingSchedule({ origin, count: 2 }).plansOverlapping(origin, origin + 86_400_000)).toHaveLength(
      2,
    );
  });

  it('rejects duplicate plan ids', () => {
    expect(() =>
      fixedSchedule([
        { scenario: 'beacon', start: 1 },
        { scenario: 'beacon', start: 1 },
      ]),
    ).toThrow(RangeError);
  });

  it('round-trips ground truth through stream fields', () => {
    const t = {
      id: 'beacon-x',
      scenario: 'beacon' as const,
      entity: '10.10.16.10',
      segment: 'ministry-finance',
      start: 1,
      end: 2,
      description: 'd',
      target: '203.0.113.17',
    };
    expect(truthFromFields(truthToFields(t))).toEqual(t);
  });
});

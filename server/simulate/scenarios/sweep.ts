/**
 * @module Horizontal sweep: one host tries one port (SMB, RDP or SSH) on every address of a /24 of its segment in
 * turn, at a fixed pace (one address a second by default; a patient one, one a minute). Dark addresses never
 * answer (S0), live hosts without the service refuse (REJ) or drop it, the few that offer it answer.
 */
import { SERVICES } from '../catalog.js';
import { sensorFor } from '../network-model.js';
import { chance, pick, rngFrom } from '../random.js';
import { type DraftEvent, ephemeralPort } from '../sim-event.js';
import { chooseSource, clip, type ScenarioDefinition, truthOf } from './types.js';

const DEFAULT_PACE_MS = 1000;
const SWEPT_PORTS = [445, 3389, 22] as const;

export const sweep: ScenarioDefinition = {
  name: 'sweep',
  defaultDurationMs: 254 * DEFAULT_PACE_MS,
  create(ctx) {
    const { plan, seed, topology } = ctx;
    const rng = rngFrom(seed, 'scenario', plan.id);
    const { host, segment } = chooseSource(ctx, rng, ['workstation']);
    const port = pick(rng, SWEPT_PORTS);
    // the /24 of the segment's workstations (the source's own), address by address from .1
    const prefix = host.ip.slice(0, host.ip.lastIndexOf('.') + 1);
    const byIp = new Map(topology.hosts.map((h) => [h.ip, h]));
    const pace = plan.intervalMs ?? DEFAULT_PACE_MS;
    const sensor = sensorFor(segment, 'flow');
    const description = `sweep from ${host.name} of port ${port} across ${prefix}0/24 (${segment.name}), one address every ${pace / 1000} s`;
    return {
      plan,
      truth: truthOf(plan, host, description, `${prefix}0/24:${port}`),
      eventsIn(from, to, r) {
        const span = clip(plan, from, to);
        if (!span) return [];
        const [a, b] = span;
        const out: DraftEvent[] = [];
        for (let k = Math.ceil((a - plan.start) / pace); plan.start + k * pace < b; k++) {
          const dst = `${prefix}${1 + (k % 254)}`;
          if (dst === host.ip) continue;
          const live = byIp.get(dst);
          const open = live?.services.some((s) => SERVICES[s].port === port) ?? false;
          const state = open ? 'SF' : live && chance(r, 0.6) ? 'REJ' : 'S0';
          out.push({
            ts: plan.start + k * pace,
            sensor,
            kind: 'flow',
            src_ip: host.ip,
            segment: segment.name,
            dst_ip: dst,
            src_port: ephemeralPort(r),
            dst_port: port,
            proto: 'tcp',
            bytes_out: open ? 120 : 0,
            bytes_in: open ? 240 : 0,
            packets_out: open ? 4 : 1,
            packets_in: state === 'S0' ? 0 : open ? 3 : 1,
            duration_ms: open ? 20 : 0,
            conn_state: state,
          });
        }
        return out;
      },
    };
  },
};

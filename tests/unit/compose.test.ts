/**
 * docker-compose.yml, parsed (there is no Docker engine here): the ingest, score and web services scale, each has a
 * health check and a restart policy, only the proxy publishes a port, and the proxy's configuration is the one in the
 * repository, with sticky sessions for long-polling.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
interface Service {
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  restart?: string;
  deploy?: { replicas?: number };
  ports?: string[];
  container_name?: string;
  volumes?: string[];
}
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};

describe('docker-compose.yml', () => {
  it('runs ingest, score and web as their own services that scale, each checked and restarted', () => {
    for (const [name, roles] of [
      ['ingest', 'ingest'],
      ['score', 'score'],
      ['web', 'web'],
    ] as const) {
      const s = compose.services[name]!;
      expect(s, name).toBeDefined();
      expect(s.environment?.WF_ROLES).toBe(roles);
      expect(s.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(s.restart).toBe('unless-stopped');
      expect(s.healthcheck?.test.join(' ')).toContain('/readyz');
      // scaling needs no fixed name and no host port
      expect(s.container_name).toBeUndefined();
      expect(s.ports).toBeUndefined();
      // every process agrees on the partitions
      expect(s.environment?.WF_PARTITIONS).toBe(compose.services.ingest!.environment?.WF_PARTITIONS);
    }
    expect(compose.services.score!.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(compose.services.web!.deploy?.replicas).toBeGreaterThanOrEqual(2);
  });

  it('puts the web instances behind a proxy with sticky sessions', () => {
    const proxy = compose.services.proxy!;
    expect(proxy.ports).toEqual(['8080:8080']);
    expect(proxy.restart).toBe('unless-stopped');
    const mount = proxy.volumes!.find((v) => v.includes('haproxy.cfg'))!;
    const cfg = readFileSync(new URL(mount.split(':')[0]!.replace('./', ''), root), 'utf8');
    expect(cfg).toMatch(/cookie WFSRV insert/);
    expect(cfg).toMatch(/server-template web .* web:8080 check/);
    expect(cfg).toMatch(/option httpchk GET \/readyz/);
    // long-lived websockets are not cut by the proxy's timeouts
    expect(cfg).toMatch(/timeout tunnel 1h/);
  });
});

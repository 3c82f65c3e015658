import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration', () => {
  it('has documented defaults and is frozen', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      streams: [{ key: 'telemetry', format: 'native', field: null }],
      group: 'watchfloor',
      prefix: 'wf:',
      start: '$',
      maxDeliveries: 5,
      maxFutureMs: 300_000,
      tickMs: 1000,
      simulate: true,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads a Redis Cluster from REDIS_CLUSTER_NODES (one Redis without it); refuses a bad node and a list without a slot tag', () => {
    expect(loadConfig({}).redisCluster).toBeNull();
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,[::1]:7002' }).redisCluster,
    ).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-b', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    for (const bad of ['10.0.0.1', '10.0.0.1:0', 'a:70000', 'a b:1'])
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad }), bad).toThrow(
        /REDIS_CLUSTER_NODES: .* is not host:port/,
      );
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: 'a:1', WF_LISTS: 'suricata=eve,{edge}zeek=zeek' }).lists.length,
    ).toBe(2);
    // a list whose slot no hash tag can name (hashed whole, holding a `}`)
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:1', WF_LISTS: 'suricata,odd}list' })).toThrow(
      /WF_LISTS: "odd}list" cannot be consumed on a Redis Cluster/,
    );
    expect(loadConfig({ WF_LISTS: 'odd}list' }).lists.length).toBe(1);
  });

  it('parses sources and the CIDR map', () => {
    const c = loadConfig({
      WF_STREAMS: 'suricata=eve,syslog=eve:msg,zeek=zeek',
      WF_SEGMENTS: '10.1.0.0/16=energy,2001:db8::/32=health',
    });
    expect(c.streams).toEqual([
      { key: 'suricata', format: 'eve', field: null },
      { key: 'syslog', format: 'eve', field: 'msg' },
      { key: 'zeek', format: 'zeek', field: null },
    ]);
    expect(c.segments).toEqual([
      { cidr: '10.1.0.0/16', segment: 'energy' },
      { cidr: '2001:db8::/32', segment: 'health' },
    ]);
  });

  it('names the geo databases and the first-contact baseline (none and an hour by default)', () => {
    expect(loadConfig({}).geo).toEqual({ country: null, asn: null });
    expect(loadConfig({}).firstContactBaselineMs).toBe(3_600_000);
    const c = loadConfig({
      WF_GEOIP_DB: '/srv/geo/country.mmdb',
      WF_ASN_DB: '/srv/geo/asn.mmdb',
      WF_FIRST_CONTACT_BASELINE_S: '60',
    });
    expect(c.geo).toEqual({ country: '/srv/geo/country.mmdb', asn: '/srv/geo/asn.mmdb' });
    expect(c.firstContactBaselineMs).toBe(60_000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['WF_TICK_MS', '5'],
    ['WF_STREAMS', 'x=netflow'],
    ['WF_SEGMENTS', '10.0.0.0/33=bad'],
    ['WF_START', 'later'],
    ['REDIS_URL', 'not a url'],
    ['REDIS_URL', 'foo://bar'],
    // a database that is not a number: ioredis fell back to database 0, another deployment's data
    ['REDIS_URL', 'redis://127.0.0.1:6379/abc'],
    ['WF_SIMULATE', 'maybe'],
    ['WF_FIRST_CONTACT_BASELINE_S', '2'],
    // the wall links are printed once: a URL a browser cannot open is refused, not printed
    ['WF_PUBLIC_URL', 'localhost:4102'],
    ['WF_PUBLIC_URL', 'javascript:alert(1)'],
    ['WF_STOP_TIMEOUT_S', '0'],
  ])('stops on a bad %s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('gives a stop 30 s by default (a save of 100,000 hosts took 3–6 s), as long as asked', () => {
    expect(loadConfig({}).stopTimeoutMs).toBe(30_000);
    expect(loadConfig({ WF_STOP_TIMEOUT_S: '120' }).stopTimeoutMs).toBe(120_000);
  });

  it('names WF_TRUST_PROXY when Express could not take it, and takes what Express does', () => {
    expect(() => loadConfig({ WF_TRUST_PROXY: 'banana' })).toThrow(/WF_TRUST_PROXY/);
    expect(() => loadConfig({ WF_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/WF_TRUST_PROXY/);
    for (const ok of ['1', 'loopback', 'loopback, 10.0.0.0/8, 2001:db8::/32', '192.0.2.7'])
      expect(loadConfig({ WF_TRUST_PROXY: ok }).trustProxy).toBe(ok);
  });
});

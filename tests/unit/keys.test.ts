import { describe, expect, it } from 'vitest';
import { Keys } from '../../server/redis/keys.js';

/** The hash tag Redis Cluster hashes a key by: between the first `{` and the next `}`, when not empty. */
function tagOf(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('Redis key names', () => {
  it('are unchanged on one Redis', () => {
    const k = new Keys('wf:');
    expect([k.counters, k.dlq, k.alert('7'), k.audit, k.partition(3, 'lease')]).toEqual([
      'wf:counters',
      'wf:dlq',
      'wf:alert:7',
      'wf:audit',
      'wf:{wf:p3}:lease',
    ]);
  });

  it('on a cluster: every key but a partition’s in the prefix’s slot, each partition in its own', () => {
    const k = new Keys('wf:', { hashTag: true });
    const global = [
      k.counters,
      k.dlq,
      k.dedup('telemetry', 'e1'),
      k.alert('7'),
      k.alertSeq,
      k.alertByKey,
      k.audit,
      k.alertAudit('7'),
      k.user('ana'),
      k.session('h'),
      k.ingestState('g', 'telemetry'),
      k.ingestRecorded('g', 'telemetry'),
      k.clusterMembers,
    ];
    expect(new Set(global.map(tagOf))).toEqual(new Set(['wf:']));
    expect(k.counters).toBe('{wf:}counters');
    const partitionKeys = (['events', 'lease', 'fence', 'snapshot', 'part'] as const).map((w) =>
      k.partition(3, w),
    );
    expect(new Set(partitionKeys.map(tagOf))).toEqual(new Set(['wf:p3']));
    expect(tagOf(k.partition(4, 'events'))).toBe('wf:p4');
  });
});

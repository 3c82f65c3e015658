import { describe, expect, it } from 'vitest';
import { hashedPart, Keys, slotTagOf } from '../../server/redis/keys.js';

describe('Redis key names', () => {
  it('are unchanged on one Redis', () => {
    const k = new Keys('wf:');
    expect([
      k.counters,
      k.dlq,
      k.alert('7'),
      k.audit,
      k.partition(3, 'lease'),
      k.listProcessing('suricata', 'c1'),
      k.listBatchSeq('suricata'),
    ]).toEqual([
      'wf:counters',
      'wf:dlq',
      'wf:alert:7',
      'wf:audit',
      'wf:{wf:p3}:lease',
      'wf:processing:suricata:c1',
      'wf:processing-seq:suricata',
    ]);
  });

  it('finds the part of a key Redis Cluster hashes (the examples of the cluster specification)', () => {
    expect(hashedPart('{user1000}.following')).toBe('user1000');
    expect(hashedPart('foo{}{bar}')).toBe('foo{}{bar}');
    expect(hashedPart('foo{{bar}}zap')).toBe('{bar');
    expect(hashedPart('foo{bar}{zap}')).toBe('bar');
    expect(hashedPart('suricata')).toBe('suricata');
    expect(slotTagOf('suricata')).toBe('{suricata}');
    expect(slotTagOf('a{b')).toBe('{a{b}');
    // hashed whole and holding a `}`: no tag can name its slot
    expect(slotTagOf('a}b')).toBeNull();
    expect(slotTagOf('x{}y')).toBeNull();
  });

  it('on a cluster: an input list’s processing list and batch counter in the list’s slot', () => {
    const k = new Keys('wf:', { hashTag: true });
    expect(k.listProcessing('suricata', 'c1')).toBe('{suricata}wf:processing:suricata:c1');
    expect(k.listBatchSeq('suricata')).toBe('{suricata}wf:processing-seq:suricata');
    // a list key with a tag of its own: the processing list takes that tag, and still names the whole list
    expect(k.listProcessing('{edge}zeek', 'c1')).toBe('{edge}wf:processing:{edge}zeek:c1');
    for (const list of ['suricata', '{edge}zeek', 'a{b', 'x{y}z'])
      expect(hashedPart(k.listProcessing(list, 'c1')), list).toBe(hashedPart(list));
    // the marks are recorded with the counters: Watchfloor's slot
    expect(hashedPart(k.listRecorded('suricata', 'c1'))).toBe('wf:');
  });

  it('event-id marks: in their input key’s slot on a cluster, Watchfloor’s where no tag names it', () => {
    expect(new Keys('wf:').dedup('telemetry', 'e1')).toBe('wf:dedup:telemetry:e1');
    const k = new Keys('wf:', { hashTag: true });
    expect(k.dedup('telemetry', 'e1')).toBe('{telemetry}wf:dedup:telemetry:e1');
    expect(hashedPart(k.dedup('{edge}zeek', 'e1'))).toBe('edge');
    expect(k.dedup('odd}stream', 'e1')).toBe('{wf:}dedup:odd}stream:e1');
  });

  it('on a cluster: every key but a partition’s in the prefix’s slot, each partition in its own', () => {
    const k = new Keys('wf:', { hashTag: true });
    const global = [
      k.counters,
      k.dlq,
      k.alert('7'),
      k.alertSeq,
      k.alertByKey,
      k.audit,
      k.alertAudit('7'),
      k.user('ana'),
      k.session('h'),
      k.ingestState('g', 'telemetry'),
      k.ingestRecorded('g', 'telemetry'),
      k.listRecorded('suricata', 'c1'),
      k.clusterMembers,
    ];
    expect(new Set(global.map(hashedPart))).toEqual(new Set(['wf:']));
    expect(k.counters).toBe('{wf:}counters');
    const partitionKeys = (['events', 'lease', 'fence', 'snapshot', 'part'] as const).map((w) =>
      k.partition(3, w),
    );
    expect(new Set(partitionKeys.map(hashedPart))).toEqual(new Set(['wf:p3']));
    expect(hashedPart(k.partition(4, 'events'))).toBe('wf:p4');
  });
});

/** @module Prometheus metrics (`GET /metrics`). */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly ingested = new Counter({
    name: 'wf_ingested_total',
    help: 'Entries accepted by this instance',
    registers: [this.registry],
  });
  readonly other = new Counter({
    name: 'wf_other_total',
    help: 'Well-formed entries not scored (EVE stats, smb…)',
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'wf_duplicates_total',
    help: 'Entries skipped as repeated event_id',
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'wf_rejected_total',
    help: 'Entries dead-lettered, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly eventsPerSec = new Gauge({
    name: 'wf_events_per_second',
    help: 'Accepted entries per second (10 s average)',
    registers: [this.registry],
  });
  readonly lag = new Gauge({
    name: 'wf_group_lag',
    help: 'Entries not yet delivered to the consumer group',
    registers: [this.registry],
  });
  readonly pending = new Gauge({
    name: 'wf_group_pending',
    help: 'Entries delivered and not yet acknowledged',
    registers: [this.registry],
  });
  readonly clients = new Gauge({
    name: 'wf_socket_clients',
    help: 'Connected Socket.IO clients',
    registers: [this.registry],
  });
  readonly entities = new Gauge({
    name: 'wf_scoring_entities',
    help: 'Hosts and segments held by the scorer',
    registers: [this.registry],
  });
  readonly consumerErrors = new Counter({
    name: 'wf_consumer_errors_total',
    help: 'Failed consumer attempts',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'wf_' });
  }
}

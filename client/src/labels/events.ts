/** @module The words before an event's fields, as the recent-events table prints them (one place, ready for the catalogues). */
export const EVENT_FIELD = {
  to: '→',
  from: 'from',
  state: 'state',
  out: 'out',
  in: 'in',
  lasting: 'lasting',
  query: 'query',
  type: 'type',
  rcode: 'rcode',
  signature: 'signature',
  category: 'category',
  severity: 'severity',
  user: 'user',
  outcome: 'outcome',
} as const;

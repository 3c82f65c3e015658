/** @module The words before an event's fields, as the recent-events table prints them (from the catalogues). */
import { words } from '../i18n/words.js';

export const EVENT_FIELD = words({
  to: 'event.to',
  state: 'event.state',
  out: 'event.out',
  in: 'event.in',
  lasting: 'event.lasting',
  query: 'event.query',
  type: 'event.type',
  rcode: 'event.rcode',
  signature: 'event.signature',
  category: 'event.category',
  severity: 'event.severity',
  user: 'event.user',
  outcome: 'event.outcome',
});

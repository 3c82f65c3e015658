/** @module `GET /api/audit`: the trail with filters, as JSON, CSV or JSON lines for after-action reports. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import { type AuditLog, auditCsv } from '../alerts/audit.js';
import { SENT, serve } from './route.js';

export function auditRoutes(audit: AuditLog): Router {
  const r = Router();
  serve(r, API.audit, async ({ query: q, res }) => {
    const records = await audit.query(q);
    if (q.format === 'json') return { records };
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (q.format === 'csv') {
      res.type('text/csv').attachment(`watchfloor-audit-${stamp}.csv`).send(auditCsv(records));
    } else {
      res
        .type('application/x-ndjson')
        .attachment(`watchfloor-audit-${stamp}.jsonl`)
        .send(records.map((rec) => JSON.stringify(rec)).join('\n') + (records.length ? '\n' : ''));
    }
    return SENT;
  });
  return r;
}

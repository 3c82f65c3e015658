/** @module `GET /api/audit`: the trail with filters, as JSON, CSV or JSON lines for after-action reports. */
import { Router } from 'express';
import { z } from 'zod';
import { type AuditLog, auditCsv } from '../alerts/audit.js';
import { badRequest } from '../errors.js';
import { requireRole } from './auth-middleware.js';

const auditQuery = z.object({
  alert: z.string().max(32).optional(),
  actor: z.string().max(64).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  format: z.enum(['json', 'csv', 'jsonl']).default('json'),
});

export function auditRoutes(audit: AuditLog): Router {
  const r = Router();
  r.get('/audit', requireRole('lead'), async (req, res) => {
    const q = auditQuery.safeParse(req.query);
    if (!q.success) throw badRequest(`${q.error.issues[0]!.path.join('.')}: ${q.error.issues[0]!.message}`);
    const records = await audit.query(q.data);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (q.data.format === 'csv') {
      res.type('text/csv').attachment(`watchfloor-audit-${stamp}.csv`).send(auditCsv(records));
    } else if (q.data.format === 'jsonl') {
      res
        .type('application/x-ndjson')
        .attachment(`watchfloor-audit-${stamp}.jsonl`)
        .send(records.map((rec) => JSON.stringify(rec)).join('\n') + (records.length ? '\n' : ''));
    } else {
      res.json({ records });
    }
  });
  return r;
}

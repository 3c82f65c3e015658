/**
 * @module Test helper: TheHive 5 and MISP on loopback, as far as receiving goes. Each checks what it is sent against
 * the fields the product documents — TheHive's `POST /api/v1/alert` (TheHive4py's InputAlert, InputObservable and
 * InputProcedure; an unknown field is refused, as TheHive's own input checks do) and MISP's `POST /events/add`
 * (the MISP core format of an event, its attributes and objects) — and answers as they do.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const int = z.number().int();

/** TheHive 5 InputObservable. */
export const theHiveObservableSchema = z.strictObject({
  dataType: z.string().min(1),
  data: z.string().min(1).optional(),
  message: z.string().optional(),
  startDate: int.optional(),
  tlp: int.min(0).max(4).optional(),
  pap: int.min(0).max(3).optional(),
  tags: z.array(z.string()).optional(),
  ioc: z.boolean().optional(),
  sighted: z.boolean().optional(),
  sightedAt: int.optional(),
  ignoreSimilarity: z.boolean().optional(),
  isZip: z.boolean().optional(),
  zipPassword: z.string().optional(),
  attachment: z.string().optional(),
});

/** TheHive 5 InputAlert (type, source, sourceRef, title and description required). */
export const theHiveAlertSchema = z.strictObject({
  type: z.string().min(1),
  source: z.string().min(1),
  sourceRef: z.string().min(1),
  title: z.string().min(1),
  description: z.string().min(1),
  date: int.optional(),
  externalLink: z.string().url().optional(),
  severity: int.min(1).max(4).optional(),
  tags: z.array(z.string()).optional(),
  flag: z.boolean().optional(),
  tlp: int.min(0).max(4).optional(),
  pap: int.min(0).max(3).optional(),
  customFields: z.array(z.unknown()).optional(),
  summary: z.string().optional(),
  status: z.string().optional(),
  assignee: z.string().optional(),
  caseTemplate: z.string().optional(),
  observables: z.array(theHiveObservableSchema).optional(),
  procedures: z
    .array(
      z.strictObject({
        occurDate: int,
        tactic: z.string().optional(),
        patternId: z.string().regex(/^T\d{4}(\.\d{3})?$/),
        description: z.string().optional(),
      }),
    )
    .optional(),
});

const numericString = (values: string[]) => z.enum(values as [string, ...string[]]);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** MISP attribute types and the categories each may take (from MISP's describeTypes for the types sent here). */
export const MISP_TYPE_CATEGORIES: Record<string, string[]> = {
  'ip-src': ['Network activity', 'Payload delivery', 'External analysis'],
  'ip-dst': ['Network activity', 'Payload delivery', 'External analysis'],
  domain: ['Network activity', 'Payload delivery', 'External analysis'],
  url: ['Network activity', 'Payload delivery', 'External analysis', 'Payload installation'],
  md5: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  sha1: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  sha256: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  'ja3-fingerprint-md5': ['Network activity', 'Payload delivery'],
  port: ['Network activity', 'Other'],
  text: ['Other', 'Network activity', 'External analysis'],
  datetime: ['Other', 'Network activity'],
  link: ['External analysis', 'Other'],
};

const mispAttributeSchema = z
  .strictObject({
    uuid,
    type: z.string(),
    category: z.string(),
    value: z.string().min(1),
    to_ids: z.boolean(),
    distribution: numericString(['0', '1', '2', '3', '4', '5']),
    timestamp: z.string().regex(/^\d+$/),
    comment: z.string(),
    object_relation: z.string().optional(),
    first_seen: z.string().optional(),
    last_seen: z.string().optional(),
    Tag: z.array(z.strictObject({ name: z.string().min(1) })).optional(),
  })
  .refine((a) => MISP_TYPE_CATEGORIES[a.type]?.includes(a.category), {
    message: 'type and category must be a pair MISP accepts',
  });

/** A MISP event in MISP's core format. */
export const mispEventSchema = z.strictObject({
  Event: z.strictObject({
    uuid,
    info: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    threat_level_id: numericString(['1', '2', '3', '4']),
    analysis: numericString(['0', '1', '2']),
    distribution: numericString(['0', '1', '2', '3', '4', '5']),
    published: z.boolean(),
    timestamp: z.string().regex(/^\d+$/),
    Orgc: z.strictObject({ name: z.string().min(1), uuid }),
    Tag: z.array(z.strictObject({ name: z.string().min(1) })),
    Attribute: z.array(mispAttributeSchema),
    Object: z.array(
      z.strictObject({
        uuid,
        name: z.string().min(1),
        'meta-category': z.string(),
        description: z.string(),
        template_uuid: uuid,
        template_version: z.string().regex(/^\d+$/),
        distribution: numericString(['0', '1', '2', '3', '4', '5']),
        timestamp: z.string().regex(/^\d+$/),
        comment: z.string(),
        Attribute: z.array(mispAttributeSchema.and(z.object({ object_relation: z.string().min(1) }))),
      }),
    ),
  }),
});

export interface Received {
  path: string;
  authorization: string | undefined;
  body: unknown;
  /** The schema's complaints, empty when the body was accepted. */
  problems: string[];
}

export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A TheHive (`/api/v1/alert`) and MISP (`/events/add`) receiver that checks bodies and keys. */
export async function startHandoffReceiver(key: string): Promise<Receiver> {
  const received: Received[] = [];
  const refs = new Set<string>();
  let next = 4000;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return answer(400, { type: 'BadRequest', message: 'not JSON' });
      }
      const path = req.url ?? '';
      const schema =
        path === '/api/v1/alert' ? theHiveAlertSchema : path === '/events/add' ? mispEventSchema : null;
      const parsed = schema?.safeParse(body);
      const problems =
        parsed?.success === false ? parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) : [];
      received.push({ path, authorization: req.headers.authorization, body, problems });
      if (!schema) return answer(404, { type: 'NotFound', message: path });
      const auth =
        path === '/events/add'
          ? req.headers.authorization
          : req.headers.authorization?.replace(/^Bearer /, '');
      if (auth !== key)
        return answer(401, { type: 'AuthenticationError', message: 'Authentication failure' });
      if (problems.length) return answer(400, { type: 'BadRequest', message: problems.join('; ') });
      if (path === '/api/v1/alert') {
        const alert = body as z.infer<typeof theHiveAlertSchema>;
        const ref = `${alert.type}/${alert.source}/${alert.sourceRef}`;
        if (refs.has(ref))
          return answer(400, { type: 'CreateError', message: `Alert ${ref} already exists` });
        refs.add(ref);
        return answer(201, { _id: `~${next++}`, _type: 'Alert', ...alert, status: 'New' });
      }
      return answer(200, body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

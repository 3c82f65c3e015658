/**
 * @module The OpenAPI 3.1 document of the HTTP API, generated from the shared contract (`shared/contract.ts`): every
 * route's path parameters, query, body and answer as JSON Schema (zod's own `toJSONSchema`, draft 2020-12 as OpenAPI
 * 3.1 uses), the error envelope, and the two ways in (the session cookie, an API token as Bearer).
 */
import { z } from 'zod';
import { API, type RouteDef } from '../../shared/contract.js';
import { errorBodySchema } from '../../shared/envelope.js';
import { PERMISSIONS } from '../../shared/permissions.js';
import { ALERT_ACTION_BODIES } from '../../shared/schemas/alert-api.js';
import { TOKEN_PREFIX } from '../auth/bearer.js';
import { SESSION_COOKIE } from '../auth/sessions.js';

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const ERRORS = {
  '400': 'bad input (the message names every field)',
  '401': 'no session or API token, or an invalid one',
  '403': 'the role (or an API token) may not do this',
  '404': 'not found',
  '409': 'conflict: a stale version, or the alert is claimed by someone else (named)',
  '429': 'throttled (Retry-After says when to try again)',
} as const;

function operation(name: string, def: RouteDef): Record<string, unknown> {
  const parameters: unknown[] = [...def.path.matchAll(/:(\w+)/g)].map(([, p]) => ({
    name: p,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (def.query) {
    const q = jsonSchema(def.query, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [p, schema] of Object.entries(q.properties ?? {})) {
      parameters.push({ name: p, in: 'query', required: q.required?.includes(p) ?? false, schema });
    }
  }
  const op: Record<string, unknown> = {
    operationId: name,
    parameters,
    responses: {
      [String(def.status ?? 200)]: {
        description: 'success',
        content: { 'application/json': { schema: jsonSchema(def.response, 'output') } },
      },
      ...Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          status,
          {
            description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
  if (def.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchema(def.body, 'input') } },
    };
  }
  // the permission the contract names for the route, from the one table; none: it answers without a caller
  if (def.permission === null) op.security = [];
  else op.description = `Needs \`${def.permission}\` (lowest role: ${PERMISSIONS[def.permission]}).`;
  return op;
}

/** The document for `GET /api/openapi.json`. */
export function openApiDocument(
  serverUrl: string,
  api: Record<string, RouteDef> = API,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (name: string, def: RouteDef) => {
    const path = def.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][def.method.toLowerCase()] = operation(name, def);
  };
  for (const [name, def] of Object.entries(api)) {
    // one alert route takes each action's own body: one path per action, so each body is documented
    if (def === API.alertAction) {
      for (const [action, body] of Object.entries(ALERT_ACTION_BODIES)) {
        add(`alert_${action}`, { ...def, path: `/api/alerts/:id/${action}`, body });
      }
    } else add(name, def);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Watchfloor HTTP API',
      version: '1',
      description:
        `Every route a Watchfloor screen calls. Programs authenticate with an API token (\`Authorization: Bearer ` +
        `${TOKEN_PREFIX.api}…\`, created by an admin) and act with its role; people with the session cookie.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ apiToken: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: `an API token (${TOKEN_PREFIX.api}…)` },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: { error: jsonSchema(errorBodySchema, 'output') },
          required: ['error'],
        },
      },
    },
  };
}

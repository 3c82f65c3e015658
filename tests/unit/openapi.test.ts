/** The OpenAPI 3.1 document is generated from the shared contract: every route, each alert action's own body. */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/http/openapi.js';
import { API, type RouteDef } from '../../shared/contract.js';
import { ALERT_ACTION_NAMES } from '../../shared/schemas/alert-api.js';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        requestBody?: unknown;
        security?: unknown[];
        parameters: { name: string; in: string }[];
        responses: Record<string, unknown>;
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
};
const doc = openApiDocument('https://watchfloor.example') as unknown as Doc;

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with both ways in (API token as Bearer, the session cookie)', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiToken', 'session']);
  });

  it('has every route of the contract, with its method, parameters, body and success status', () => {
    for (const [name, def] of Object.entries(API) as [string, RouteDef][]) {
      if (def === API.alertAction) continue;
      const op = doc.paths[def.path.replace(/:(\w+)/g, '{$1}')]?.[def.method.toLowerCase()];
      expect(op?.operationId, name).toBe(name);
      expect(Object.keys(op!.responses)).toContain(String(def.status ?? 200));
      expect(op!.requestBody !== undefined, `${name} body`).toBe(def.body !== undefined);
      for (const [, p] of def.path.matchAll(/:(\w+)/g)) {
        expect(
          op!.parameters.some((x) => x.in === 'path' && x.name === p),
          `${name} :${p}`,
        ).toBe(true);
      }
    }
    expect(doc.paths['/api/audit']!.get!.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['alert', 'actor', 'from', 'to', 'format']),
    );
  });

  it('documents each alert action on its own path with its own body', () => {
    for (const action of ALERT_ACTION_NAMES) {
      const op = doc.paths[`/api/alerts/{id}/${action}`]?.post;
      expect(op?.operationId).toBe(`alert_${action}`);
      expect(JSON.stringify(op!.requestBody)).toContain(action === 'note' ? '"text"' : '"note"');
    }
    const resolve = JSON.stringify(doc.paths['/api/alerts/{id}/resolve']!.post!.requestBody);
    expect(resolve).toContain('false_positive');
  });

  it('marks the routes open without a caller (the contract names no permission), and says what the others need', () => {
    const open = Object.values(doc.paths)
      .flatMap((methods) => Object.values(methods))
      .filter((op) => Array.isArray(op.security) && op.security.length === 0)
      .map((op) => op.operationId)
      .sort();
    expect(open).toEqual(['config', 'login', 'logout', 'openapi', 'signIn', 'wall']);
    const bulk = doc.paths['/api/alerts/bulk']!.post as unknown as { description: string };
    expect(bulk.description).toBe('Needs `alerts.act` (lowest role: lead).');
  });
});

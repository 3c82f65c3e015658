/** @module `GET /api/openapi.json`: the OpenAPI 3.1 document of this API, generated once from the shared contract. */
import { Router } from 'express';
import { API } from '../../shared/contract.js';
import { openApiDocument } from './openapi.js';
import { serve } from './route.js';

export function openApiRoutes(publicUrl: string): Router {
  const r = Router();
  let doc: Record<string, unknown> | null = null;
  serve(r, API.openapi, () => {
    doc ??= openApiDocument(publicUrl);
    return doc;
  });
  return r;
}

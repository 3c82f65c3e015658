/** @module Turns every error into the `{error:{code,message}}` body; unknown errors are logged once and answered 500. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '../../shared/envelope.js';
import { AppError, notFound } from '../errors.js';
import type { Logger } from '../logger.js';

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json({ error: err.toBody() });
      return;
    }
    const status =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    // a file of the built client that is not there (`express.static`, `res.sendFile`)
    if (status === 404) {
      res.status(404).json({ error: notFound(`no file ${req.path}`).toBody() });
      return;
    }
    if (status < 500) {
      // body-parser errors (malformed JSON, too large, a charset or an encoding not read) and a path Express could not
      // decode
      res.status(status === 413 ? 413 : 400).json({ error: bodyError(err) });
      return;
    }
    logger.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

/**
 * What a body-parser error says, for programs and (its key under the catalogues' `server.`) for screens. Valid JSON
 * that is not an object or an array (`null`, `42`, `"x"`) is refused by the parser's strict mode with a syntax error's
 * text ("Unexpected token 'n', "null" is not valid JSON"), which misleads: it is named for what it is.
 */
function bodyError(err: {
  type?: unknown;
  body?: unknown;
  message?: unknown;
  limit?: unknown;
  charset?: unknown;
  encoding?: unknown;
}): ErrorBody {
  const message = String(err.message ?? 'bad request');
  if (err.type === 'entity.too.large')
    return { code: 'too_large', message, key: 'request.too_large', params: { limit: Number(err.limit) } };
  // a charset or a content encoding the parser does not read, named
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported') {
    const what = err.type === 'charset.unsupported' ? 'charset' : 'encoding';
    return {
      code: 'bad_request',
      message,
      key: `request.bad_${what}`,
      params: { [what]: String(err[what] ?? '') },
    };
  }
  if (err.type === 'entity.parse.failed') {
    if (typeof err.body === 'string' && !/^\s*[{[]/.test(err.body)) {
      try {
        JSON.parse(err.body);
        return { code: 'bad_request', message: 'the body must be a JSON object', key: 'request.not_object' };
      } catch {
        // not JSON at all: the parser's own words
      }
    }
    return { code: 'bad_request', message, key: 'request.bad_json' };
  }
  // a path Express could not decode ("Failed to decode param '%E0%A4%A'")
  if (message.startsWith('Failed to decode param'))
    return { code: 'bad_request', message, key: 'request.bad_path' };
  // anything else a body could not be read for (a compressed body that is not: "incorrect header check")
  return { code: 'bad_request', message, key: 'request.bad_body' };
}

export const notFoundHandler: RequestHandler = (req, _res, next) =>
  next(notFound(`no route ${req.method} ${req.path}`));

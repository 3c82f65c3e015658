/** @module Turns every error into the `{error:{code,message}}` body; unknown errors are logged once and answered 500. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
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
    if (status < 500) {
      // body-parser errors: malformed JSON, too large, wrong charset
      const code = status === 413 ? 'bad_request' : 'bad_request';
      res
        .status(status === 413 ? 413 : 400)
        .json({ error: { code, message: String(err.message ?? 'bad request') } });
      return;
    }
    logger.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) =>
  next(notFound(`no route ${req.method} ${req.path}`));

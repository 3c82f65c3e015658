/**
 * @module Zod settings; imported first by `main.tsx`, before any schema is built.
 * No `new Function` probing: the server's CSP forbids eval, and zod would log a violation on every load.
 */
import { z } from 'zod';

z.config({ jitless: true });

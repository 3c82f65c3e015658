/**
 * @module What `zod` resolves to in the browser build (alias in vite.config.ts): zod with `jitless` set
 * before any schema exists. Zod decides at schema construction whether to probe `new Function`; the
 * server's CSP forbids eval, so a probe would log a violation. An alias (not an import-first module)
 * holds whatever order the bundler evaluates chunks in. Only `z` is re-exported (all the client and
 * shared/ use), so unused parts of zod (locales) are still tree-shaken.
 */
import { z } from 'zod/v4';

z.config({ jitless: true });

export { z };

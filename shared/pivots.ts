/**
 * @module Pivot links (`WF_PIVOTS`): named URL templates into the team's other tools (Arkime, Kibana, a Zeek log
 * search…) with placeholders filled from what a screen shows. The server checks the templates once at start; the
 * screens fill them. Every value is URL-encoded; a template that is not http(s) is refused.
 */
import { z } from 'zod';

/** The placeholders a template may use. */
export const PIVOT_PLACEHOLDERS = ['ip', 'peer', 'port', 'from', 'to', 'query'] as const;
export type PivotPlaceholder = (typeof PIVOT_PLACEHOLDERS)[number];

/** At most this many templates. */
export const MAX_PIVOTS = 20;

const PLACEHOLDER = /\{([a-zA-Z_]+)\}/g;

/** Sample values a template is checked with (an IPv6 address, so that brackets and colons are exercised). */
const SAMPLE: Readonly<Record<PivotPlaceholder, string>> = {
  ip: '2001:db8::1',
  peer: '203.0.113.9',
  port: '443',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-01T01:00:00.000Z',
  query: 'ip == 2001:db8::1 && ip == 203.0.113.9',
};

/** Why a template's URL is refused, or null when it is fine: unknown placeholders, not an http(s) URL. */
export function pivotTemplateProblem(url: string): string | null {
  const unknown = [...url.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((p) => !(PIVOT_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    return `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')} (known: ${PIVOT_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`;
  }
  const filled = url.replace(PLACEHOLDER, (_, p: PivotPlaceholder) => encodeURIComponent(SAMPLE[p]));
  let parsed: URL;
  try {
    parsed = new URL(filled);
  } catch {
    return 'is not an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `is ${parsed.protocol} — only http and https pivots are allowed`;
  }
  return null;
}

/** One template: a name shown on the link and its URL. */
export const pivotSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(60),
  url: z
    .string()
    .max(2000)
    .superRefine((url, ctx) => {
      const problem = pivotTemplateProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: `url ${problem}` });
    }),
});
export type Pivot = z.infer<typeof pivotSchema>;

/** The `WF_PIVOTS` file: a list of templates (names unique). */
export const pivotFileSchema = z
  .array(pivotSchema)
  .max(MAX_PIVOTS)
  .superRefine((list, ctx) => {
    // the entry and the name, as the other refusals of the file say them (one of twenty is found at once)
    const seen = new Map<string, number>();
    list.forEach((p, i) => {
      const first = seen.get(p.name);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `name ${JSON.stringify(p.name)} is entry ${first}'s too (pivot names must be unique)`,
        });
      else seen.set(p.name, i);
    });
  });

/** `GET /api/pivots`. */
export const pivotsAnswerSchema = z.object({ pivots: z.array(pivotSchema) });

/** What a screen knows where it shows pivots: a host, perhaps a peer and a port, and a time range (epoch ms). */
export interface PivotContext {
  ip: string;
  peer?: string;
  port?: number;
  from: number;
  to: number;
}

/** `{query}`: an Arkime-style expression for the context (`ip == A && ip == B && port == P`). */
export function pivotQuery(c: PivotContext): string {
  const parts = [`ip == ${c.ip}`];
  if (c.peer) parts.push(`ip == ${c.peer}`);
  if (c.port !== undefined) parts.push(`port == ${c.port}`);
  return parts.join(' && ');
}

/**
 * The template filled for the context (every value URL-encoded), or null when it names a placeholder the context
 * has no value for, or when the result is not http(s) (checked again here: a link never carries another scheme).
 */
export function fillPivot(template: string, c: PivotContext): string | null {
  const values: Record<PivotPlaceholder, string | undefined> = {
    ip: c.ip,
    peer: c.peer,
    port: c.port === undefined ? undefined : String(c.port),
    from: new Date(c.from).toISOString(),
    to: new Date(c.to).toISOString(),
    query: pivotQuery(c),
  };
  let missing = false;
  const url = template.replace(PLACEHOLDER, (whole, p: string) => {
    const v = Object.hasOwn(values, p) ? values[p as PivotPlaceholder] : undefined;
    if (v === undefined) {
      missing = true;
      return whole;
    }
    return encodeURIComponent(v);
  });
  if (missing) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

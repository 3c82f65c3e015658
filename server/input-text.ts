/**
 * @module What was wrong with an input, in words every screen can translate: a zod issue (a producer's event, an HTTP
 * body or query, a socket payload) as a catalogue key and its parameters.
 */
import type { z } from 'zod';
import type { TextParams } from '../shared/locale.js';

/** Types a field can be expected as, each with its words in the catalogues (`dlq.expected.<type>`). */
const NAMED_TYPES = new Set(['string', 'number', 'array', 'object']);

/**
 * A zod issue as a text for screens: a catalogue key under `dlq.` (the input texts, first written for dead letters)
 * and its parameters.
 */
export function issueText(issue: z.core.$ZodIssue, field: string): [key: string, params: TextParams] {
  switch (issue.code) {
    case 'invalid_type':
      return [NAMED_TYPES.has(issue.expected) ? `expected.${issue.expected}` : 'invalid', { field }];
    case 'too_big':
      return [
        issue.origin === 'string' ? 'too_long' : issue.origin === 'array' ? 'more_items' : 'too_big',
        { field, limit: Number(issue.maximum) },
      ];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return ['empty', { field }];
      return [
        issue.origin === 'string' ? 'too_short' : issue.origin === 'array' ? 'fewer_items' : 'too_small',
        { field, limit: Number(issue.minimum) },
      ];
    case 'invalid_value':
      return ['not_one_of', { field, values: issue.values.map(String).join(', ') }];
    case 'invalid_format':
      return ['bad_format', { field }];
    case 'custom': {
      const text = (issue.params as { text?: unknown } | undefined)?.text;
      return [typeof text === 'string' ? text : 'invalid', { field }];
    }
    default:
      return ['invalid', { field }];
  }
}

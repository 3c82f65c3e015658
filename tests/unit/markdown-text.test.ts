/**
 * Producer and analyst text in TheHive's Markdown: escaped so that it renders as written (line breaks as spaces) and
 * none of it starts syntax — no link, emphasis, heading, table cell, HTML or entity — while Watchfloor's own Markdown
 * (headings, the example-event table, the link back) stays Markdown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../server/handoff/dossier.js';
import { markdownText } from '../../server/handoff/markdown-text.js';
import { theHiveAlert } from '../../server/handoff/thehive-alert.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { showUnseen } from '../../shared/unseen.js';
import { alertFixture } from '../support/alert-fixture.js';

/** Characters that start Markdown syntax (CommonMark's, GFM's autolinks and entities) when not escaped. */
const SYNTAX = new Set('\\`*_{}[]()#+-.!|<>~&:');
/** Also escaped, for extensions (highlight, math, superscript). */
const ESCAPED = new Set([...SYNTAX, '=', '$', '^']);

/** The first character of `md` that would be read as syntax (a special character not escaped), or null. */
function firstLive(md: string): string | null {
  for (let i = 0; i < md.length; i++) {
    const c = md[i]!;
    if (c === '\\') {
      if (!ESCAPED.has(md[i + 1] ?? '')) return `\\ before ${JSON.stringify(md[i + 1])}`;
      i++;
    } else if (SYNTAX.has(c) || c === '\n' || c === '\r') return c;
  }
  return null;
}

/** What CommonMark renders of an escaped text: each backslash escape as its character. */
const rendered = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

const HOSTILE = [
  'ET MALWARE [Open the case runbook](https://evil.example/runbook) | injected | cell',
  "<img src=x onerror=alert('sig')>",
  '**bold** _em_ ~~gone~~ `code` ![img](https://evil.example/x.png)',
  '# heading\n- item\n> quote\r\n1. one',
  '&lt;script&gt; &amp; &#60;',
  'see https://evil.example and www.evil.example or mail admin@evil.example',
  '\\*not\\* escaped twice \\',
  '<https://evil.example> [ref]: https://evil.example "t"',
];

describe('markdownText', () => {
  it('escapes a link, a table cell, emphasis and HTML so they render as written', () => {
    expect(markdownText(HOSTILE[0]!)).toBe(
      'ET MALWARE \\[Open the case runbook\\]\\(https\\://evil\\.example/runbook\\) \\| injected \\| cell',
    );
    expect(markdownText(HOSTILE[1]!)).toBe("\\<img src\\=x onerror\\=alert\\('sig'\\)\\>");
    for (const text of HOSTILE) {
      const md = markdownText(text);
      expect(firstLive(md), md).toBeNull();
      expect(rendered(md)).toBe(text.replace(/\r\n|[\r\n]/g, ' '));
    }
  });

  it('shows a control or direction character as U+FFFD (a reversed name read as another)', () => {
    expect(markdownText('fin<i>x</i>\u202eecnanif')).toBe('fin\\<i\\>x\\</i\\>\ufffdecnanif');
    expect(markdownText('a\u0007b\u2066c\td')).toBe('a\ufffdb\ufffdc\td');
  });

  it('leaves no character of any text live, and renders back to the text (line breaks as spaces)', () => {
    const char = fc.constantFrom(...'\\`*_{}[]()#+-.!|<>~&:=$^"\' \t\r\n\u2028\u202e\u0001aZ0/@%;,?');
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: char }), fc.string({ unit: 'grapheme' })),
        (text) => {
          const md = markdownText(text);
          expect(firstLive(md)).toBeNull();
          expect(md).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
          // controls and direction marks show as U+FFFD
          expect(rendered(md)).toBe(showUnseen(text.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ')));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("TheHive's description", () => {
  const signature = HOSTILE[0]!;
  const event: NormalizedEvent = {
    ts: 1_700_000_000_000,
    sensor: 'suricata-1',
    kind: 'ids',
    src_ip: '10.40.0.9',
    dst_ip: '198.51.100.7',
    signature,
    segment: 'ops*team*',
  } as NormalizedEvent;
  const alert = alertFixture({
    id: 'A9',
    detector: 'ids',
    segment: 'ops*team* [x](https://evil.example)',
    entity: { type: 'host', id: '10.40.0.9' },
    reasons: [
      {
        detector: 'ids',
        feature: `signature ${signature}`,
        observed: 1,
        expected: 0,
        contribution: 70,
        attack: ['T1071'],
        examples: ['s/1-0'],
        intel: {
          indicator: '198.51.100.7',
          field: 'dst_ip',
          feed: 'partner_feed',
          id: 'ind-[1](https://evil.example)',
          name: '<b>Ember</b>',
          confidence: 90,
          labels: ['c2 [x](https://evil.example)', '*label*'],
        },
      },
    ],
    notes: [
      {
        at: 1_700_000_000_000,
        author: 'lead_<x>',
        text: "<img src=x onerror=alert('note')>\n# not a heading",
      },
    ],
  });
  const hive = theHiveAlert(
    buildDossier(alert, [{ ref: 's/1-0', event }], 'https://wf.example/alerts?id=A9', 0),
  );

  it("keeps Watchfloor's Markdown and makes every producer or analyst value inert", () => {
    const lines = hive.description.split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      '### Reasons',
      '### Example events',
      '### Notes',
    ]);
    // the one link is the link back
    expect(hive.description.match(/(?<!\\)\[[^\]]*\]\(/g)).toEqual(['[Open on Watchfloor](']);
    expect(lines.at(-1)).toBe('[Open on Watchfloor](https://wf.example/alerts?id=A9)');
    // no HTML, no emphasis but the two Watchfloor writes on the first line
    expect(hive.description).not.toMatch(/(?<!\\)[<>]/);
    expect(lines[0]).toBe(
      '**ids** on host 10\\.40\\.0\\.9 in segment **ops\\*team\\* \\[x\\]\\(https\\://evil\\.example\\)** — score 80 now, peak 80, 1 episode(s), open.',
    );
    // each event row has its six pipes, however many the signature holds
    const row = lines.find((l) => l.startsWith('| 2023-'))!;
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(6);
    expect(row).toContain(markdownText(signature));
    expect(lines).toContain(
      `- 2023-11-14T22:13:20.000Z lead\\_\\<x\\>: ${markdownText("<img src=x onerror=alert('note')> # not a heading")}`,
    );
    const reason = lines.find((l) => l.startsWith('- ids'))!;
    expect(firstLive(reason.slice(2))).toBeNull();
  });

  it('escapes the summary, observable messages and procedures; tags keep feed labels as they are', () => {
    expect(firstLive(hive.summary)).toBeNull();
    expect(hive.observables.find((o) => o.ioc)!.message).toBe(
      `matched ${markdownText('ind-[1](https://evil.example)')} of feed partner\\_feed`,
    );
    expect(hive.observables.find((o) => !o.sighted)!.message).toBe(
      `the ${markdownText(alert.segment)} host the alert is about`,
    );
    expect(hive.procedures[0]!.description).toBe(
      `Evidence in Watchfloor alert A9: ${markdownText(`ids signature ${signature}`)}`,
    );
    expect(hive.observables.find((o) => o.ioc)!.tags).toEqual([
      'watchfloor:intel',
      'c2 [x](https://evil.example)',
      '*label*',
    ]);
    expect(hive.tags).toContain('segment:ops*team* [x](https://evil.example)');
  });
});

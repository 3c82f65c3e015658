/**
 * One reading of an alert's score now: its score while its episode goes on, none once it is over (QA E-5, E-6: the
 * wall's takeover read "score 20 (peak 92)" and the handover "20 / 100" where the queue read "— / 100").
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { AlertScore } from '../../client/src/components/AlertScore.js';
import { Takeover } from '../../client/src/features/wall/Takeover.js';
import { applyLocale } from '../../client/src/i18n/index.js';
import { alertScoreNow } from '../../shared/schemas/alert.js';
import { alert } from './client-fixtures.js';

// a segment's alert: a host's takeover adds the watch mark, which reads the live store (the browser test has it)
const entity = { type: 'segment', id: 'dmz' } as const;
const ended = alert('A1', { entity, severity: 'critical', score: 20.4, peakScore: 92, active: false });
const going = alert('A2', { entity, severity: 'critical', score: 71.6, peakScore: 92, active: true });
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('alertScoreNow', () => {
  it('is the score as shown while the episode goes on, and none once it is over', () => {
    expect(alertScoreNow(going)).toBe(72);
    expect(alertScoreNow(ended)).toBeNull();
    expect(alertScoreNow({ active: true, score: 0.4 })).toBe(0);
  });
});

describe('screens that print an alert score now', () => {
  afterAll(() => applyLocale('en'));

  it('the queue and the handover cell: "— / 92" past the episode, its last score only in the title', async () => {
    await applyLocale('en');
    expect(text(renderToStaticMarkup(createElement(AlertScore, { alert: going })))).toBe('72 / 92');
    const html = renderToStaticMarkup(createElement(AlertScore, { alert: ended }));
    expect(text(html)).toBe('— / 92');
    expect(html).toContain('title="Episode over: the score fell below the clear threshold (it ended at 20).');
  });

  it('the wall takeover: no "score 20" once the episode is over, in either language', async () => {
    await applyLocale('en');
    const now = ended.firstSeen + 60_000;
    const over = text(renderToStaticMarkup(createElement(Takeover, { alert: ended, others: 0, now })));
    expect(over).toContain('episode over (peak 92)');
    expect(over).not.toMatch(/score 20/);
    const live = text(renderToStaticMarkup(createElement(Takeover, { alert: going, others: 0, now })));
    expect(live).toContain('score 72 (peak 92)');
    await applyLocale('lt');
    const lt = text(renderToStaticMarkup(createElement(Takeover, { alert: ended, others: 0, now })));
    expect(lt).toContain('epizodas baigėsi (pikas 92)');
    expect(lt).not.toMatch(/balas 20/);
  });
});

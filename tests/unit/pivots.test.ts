/** Pivot templates: checked at start (http(s) only, known placeholders), filled with every value URL-encoded. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { fillPivot, pivotQuery, pivotTemplateProblem } from '../../shared/pivots.js';

const CONTEXT = {
  ip: '2001:db8::7',
  peer: '203.0.113.9',
  port: 443,
  from: Date.UTC(2026, 0, 2, 3, 4, 5),
  to: Date.UTC(2026, 0, 2, 4, 4, 5),
};

describe('filling a pivot', () => {
  it('URL-encodes every value, times as ISO', () => {
    const url = fillPivot(
      'https://arkime.example/sessions?expression={query}&startTime={from}&stopTime={to}',
      CONTEXT,
    );
    expect(url).toBe(
      'https://arkime.example/sessions?expression=ip%20%3D%3D%202001%3Adb8%3A%3A7%20%26%26%20ip%20%3D%3D%20203.0.113.9%20%26%26%20port%20%3D%3D%20443&startTime=2026-01-02T03%3A04%3A05.000Z&stopTime=2026-01-02T04%3A04%3A05.000Z',
    );
    expect(new URL(url!).searchParams.get('expression')).toBe(pivotQuery(CONTEXT));
    expect(fillPivot('https://kibana.example/app/discover#/?q={ip}&p={port}', CONTEXT)).toBe(
      'https://kibana.example/app/discover#/?q=2001%3Adb8%3A%3A7&p=443',
    );
  });

  it('keeps hostile values inside their parameter', () => {
    const url = fillPivot('https://x.example/?peer={peer}&a=1', { ...CONTEXT, peer: '"><script>&a=2#' })!;
    const parsed = new URL(url);
    expect(parsed.searchParams.get('peer')).toBe('"><script>&a=2#');
    expect(parsed.searchParams.getAll('a')).toEqual(['1']);
    expect(parsed.hash).toBe('');
  });

  it('leaves out a template naming a value the context lacks, and any that is not http(s)', () => {
    expect(fillPivot('https://x.example/{peer}', { ip: '10.0.0.1', from: 0, to: 1 })).toBeNull();
    expect(fillPivot('https://x.example/{constructor}', CONTEXT)).toBeNull();
    expect(fillPivot('javascript:alert({ip})', CONTEXT)).toBeNull();
  });
});

describe('checking a template', () => {
  it('accepts http(s) templates with known placeholders', () => {
    expect(pivotTemplateProblem('https://arkime.example/sessions?expression={query}')).toBeNull();
    expect(
      pivotTemplateProblem('http://zeek-logs.example:5601/search?ip={ip}&from={from}&to={to}'),
    ).toBeNull();
  });
  it('refuses other schemes, unknown placeholders and relative URLs', () => {
    expect(pivotTemplateProblem('javascript:alert(1)//{ip}')).toMatch(/only http and https/);
    expect(pivotTemplateProblem('data:text/html,{ip}')).toMatch(/only http and https/);
    expect(pivotTemplateProblem('ftp://files.example/{ip}')).toMatch(/only http and https/);
    expect(pivotTemplateProblem('{ip}')).toMatch(/not an absolute URL/);
    expect(pivotTemplateProblem('https://x.example/{host}')).toMatch(/unknown placeholder \{host\}/);
  });
});

describe('WF_PIVOTS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wf-pivots-'));
  const file = (name: string, json: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
    return path;
  };

  it('loads a file of templates', () => {
    const path = file('good.json', [
      { name: 'Arkime', url: 'https://arkime.example/sessions?expression={query}' },
    ]);
    expect(loadConfig({ WF_PIVOTS: path }).pivots).toEqual([
      { name: 'Arkime', url: 'https://arkime.example/sessions?expression={query}' },
    ]);
    expect(loadConfig({}).pivots).toEqual([]);
  });

  it('refuses a bad file, naming the entry and why', () => {
    const bad = file('bad.json', [
      { name: 'ok', url: 'https://a.example/{ip}' },
      { name: 'evil', url: 'javascript:alert(document.cookie)' },
    ]);
    expect(() => loadConfig({ WF_PIVOTS: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ WF_PIVOTS: bad })).toThrow(
      /WF_PIVOTS: pivot file .*bad\.json: entry 1: url is javascript:/,
    );
    expect(() =>
      loadConfig({
        WF_PIVOTS: file('twice.json', [
          { name: 'a', url: 'https://a.example/' },
          { name: 'a', url: 'https://b.example/' },
        ]),
      }),
    ).toThrow(/entry 1: name "a" is entry 0's too \(pivot names must be unique\)/);
    expect(() => loadConfig({ WF_PIVOTS: file('broken.json', '[{') })).toThrow(/cannot read pivot file/);
    expect(() => loadConfig({ WF_PIVOTS: join(dir, 'missing.json') })).toThrow(/cannot read pivot file/);
  });
});

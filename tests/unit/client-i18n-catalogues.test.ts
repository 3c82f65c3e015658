/**
 * The language catalogues: English and Lithuanian hold exactly the same keys, each with the same interpolation
 * parameters, every plural key in every form its language needs (Intl.PluralRules); every key the screens ask for by
 * name exists; numbers, units and reasons follow the language.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale, CATALOGUES, i18n, missingKeys } from '../../client/src/i18n/index.js';
import { wallLocale } from '../../client/src/i18n/wall-locale.js';
import { featureLabel } from '../../client/src/lib/feature-label.js';
import { formatAge, formatBytes, formatCount, formatReason } from '../../client/src/lib/format.js';
import { LOCALES, pickLocale } from '../../shared/locale.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf as `a.b.c` → text. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv);
  }
  return out;
}

/** Keys with their plural forms folded into one: `nav.waiting` → the forms present. */
function folded(tree: object): Map<string, { forms: Set<string>; params: Set<string> }> {
  const out = new Map<string, { forms: Set<string>; params: Set<string> }>();
  for (const [key, text] of leaves(tree)) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const entry = out.get(base) ?? { forms: new Set<string>(), params: new Set<string>() };
    if (m) entry.forms.add(m[1]!);
    for (const p of text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)) entry.params.add(p[1]!);
    out.set(base, entry);
  }
  return out;
}

describe('catalogues', () => {
  const en = folded(CATALOGUES.en);
  const lt = folded(CATALOGUES.lt);

  it('hold the same keys in English and Lithuanian', () => {
    expect([...lt.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('give every key the same interpolation parameters', () => {
    const differ: string[] = [];
    for (const [key, e] of en) {
      const l = lt.get(key);
      if (l && [...e.params].sort().join() !== [...l.params].sort().join()) differ.push(key);
    }
    expect(differ).toEqual([]);
  });

  it('give every plural key each form its language needs, and nothing but plural keys take forms', () => {
    for (const locale of LOCALES) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [key, { forms, params }] of folded(CATALOGUES[locale])) {
        if (forms.size === 0) continue;
        expect([...forms].sort(), `${locale} ${key}`).toEqual([...needed].sort());
        expect(params.has('count'), `${locale} ${key} counts with {{count}}`).toBe(true);
      }
    }
    // Lithuanian counts in four forms (1 įspėjimas, 2 įspėjimai, 10 įspėjimų, 1,5 įspėjimo)
    expect(new Intl.PluralRules('lt').resolvedOptions().pluralCategories.sort()).toEqual([
      'few',
      'many',
      'one',
      'other',
    ]);
  });

  it('are written out: no Lithuanian text left equal to a long English one by mistake', () => {
    const same: string[] = [];
    const e = leaves(CATALOGUES.en);
    for (const [key, text] of leaves(CATALOGUES.lt)) {
      // product names, codes and units may stay as they are
      if (text === e.get(key) && /[a-z]{4,}.*\s.*[a-z]{4,}/.test(text.replace(/\{\{[^}]*\}\}/g, '')))
        same.push(key);
    }
    expect(same).toEqual([]);
  });

  it('abbreviate as Lithuanian does: "5 min.", "1 val.", never a bare "min" after a number', () => {
    const bare = [...leaves(CATALOGUES.lt)].filter(([, text]) => /(\d|\}\}) (min|val)\b(?!\.)/.test(text));
    expect(bare.map(([key]) => key)).toEqual([]);
  });

  it('hold every key the screens ask for by name', () => {
    const keys = folded(CATALOGUES.en);
    const missing: string[] = [];
    for (const file of sources(join(REPO_ROOT, 'client', 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g))
        if (!keys.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('are where the screens take their words from: no English written between two tags of a screen', () => {
    // names that are not words of either language: the product's and a standard's
    const names = new Set(['Watchfloor', 'WATCHFLOOR', 'WF', 'URL']);
    const written: string[] = [];
    for (const file of sources(join(REPO_ROOT, 'client', 'src'))) {
      if (!file.endsWith('.tsx')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/>\s*([A-Za-z][A-Za-z ,.'’:;!?-]*[A-Za-z.!?])\s*<\//g))
        if (!names.has(m[1]!)) written.push(`${file}: ${m[1]}`);
    }
    expect(written).toEqual([]);
  });
});

describe("the server's refusals", () => {
  it('name keys that both catalogues have (under server.)', () => {
    const missing: string[] = [];
    for (const file of sources(join(REPO_ROOT, 'server')))
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/key: '([a-z_]+\.[a-z_.]+)'/g))
        for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
          const parts = key!.split('.');
          let parent: unknown = (catalogue as { server: unknown }).server;
          for (const part of parts.slice(0, -1))
            parent = (parent as Record<string, unknown> | undefined)?.[part];
          const at = parent as Record<string, unknown> | undefined;
          // a counted text has its plural forms (`_one`, `_other`…) instead of the key itself
          const last = parts.at(-1)!;
          if (typeof at?.[last] !== 'string' && typeof at?.[`${last}_other`] !== 'string')
            missing.push(`${locale}: server.${key} (${file.slice(REPO_ROOT.length)})`);
        }
    expect(missing).toEqual([]);
  });
});

describe("a wall's language", () => {
  it('is ?lang= first, then its token, then the browser; an unknown ?lang= is ignored', () => {
    expect(wallLocale('?lang=lt', 'en', 'en')).toBe('lt');
    expect(wallLocale('?rotate=5&lang=LT-lt', undefined, 'en')).toBe('lt');
    expect(wallLocale('?lang=en', 'lt', 'lt')).toBe('en');
    expect(wallLocale('', 'lt', 'en')).toBe('lt');
    expect(wallLocale('?lang=xx', undefined, 'lt')).toBe('lt');
    expect(wallLocale('?lang=__proto__', 'en', 'lt')).toBe('en');
  });

  it('from the browser: the first of its languages that is ours, else English', () => {
    expect(pickLocale(['de-DE', 'lt-LT', 'en'])).toBe('lt');
    expect(pickLocale(['fr', 'de'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});

describe('a key found in no catalogue', () => {
  it('is recorded for the browser tests, and shows as its key rather than as nothing', () => {
    missingKeys.clear();
    expect(i18n.t('nowhere.to_be_found')).toBe('nowhere.to_be_found');
    expect([...missingKeys]).toContain('en:nowhere.to_be_found');
    missingKeys.clear();
  });
});

describe('formatting by language', () => {
  afterEach(() => applyLocale('en'));

  it('writes English as before and Lithuanian with its separators, units and plurals', async () => {
    const r = { detector: 'scan', feature: 'failed_share', observed: 0.94, expected: 0.1, contribution: 98 };
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatBytes(12_300_000)).toBe('12.3 MB');
    expect(formatAge(3 * 3600_000)).toBe('3 h');
    expect(formatReason(r)).toBe('share of connections failing 94 % vs 10 % expected (+98)');
    await applyLocale('lt');
    expect(formatCount(12_345).replace(/\s/g, ' ')).toBe('12 345');
    expect(formatBytes(12_300_000)).toBe('12,3 MB');
    expect(formatAge(3 * 3600_000)).toBe('3 val.');
    expect(formatReason(r)).toBe('nepavykusių ryšių dalis 94 %, tikėtasi 10 % (+98)');
    // a feature's parameters in words too, not the English of its id ("prievade port 443", "sensor=…")
    expect(featureLabel('scan', 'failed_hosts_1h port 443')).toBe(
      'nepasiekti paskirties mazgai per 1 val. prievade 443',
    );
    expect(featureLabel('silence', 'silent sensor=zeek-foreign-1')).toBe(
      'įvykiai iš tylinčio jutiklio: zeek-foreign-1',
    );
    expect(featureLabel('auth', 'failures_per_min user=ona')).toBe(
      'nepavykę prisijungimai per minutę naudotojas ona',
    );
    // a destination after a feature stays as it came
    expect(featureLabel('beacon', 'beacon_score 10.0.0.1:443')).toMatch(/ 10\.0\.0\.1:443$/);
    expect([1, 2, 10, 21].map((count) => i18n.t('search.matches', { count }))).toEqual([
      '1 atitikmuo',
      '2 atitikmenys',
      '10 atitikmenų',
      '21 atitikmuo',
    ]);
  });
});

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

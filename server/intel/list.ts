/**
 * @module Plain indicator lists: one value a line, its type recognised (address or CIDR, domain, URL, hex digest:
 * MD5/SHA-1/SHA-256/JA3/JA3S). `#` starts a comment; a comment line `# confidence: N` sets the confidence of the
 * lines after it (default 50), `# attack: T1071, T1573` their techniques, `# label: …` adds a label.
 */
import { techniqueList } from '../../shared/attack.js';
import { recognize } from './observable.js';
import { DEFAULT_CONFIDENCE, type ParsedFeed, skip } from './types.js';

export function parseList(text: string, feed: string): ParsedFeed {
  const out: ParsedFeed = { indicators: [], skipped: [], expired: 0 };
  let confidence = DEFAULT_CONFIDENCE;
  let attack: string[] = [];
  let labels: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const hash = line.indexOf('#');
    if (hash >= 0) {
      const directive = /^\s*#\s*(confidence|attack|label)\s*:\s*(.*?)\s*$/i.exec(line);
      if (directive) {
        const [, key, value] = directive;
        if (key!.toLowerCase() === 'confidence') {
          const c = Number(value);
          if (Number.isInteger(c) && c >= 0 && c <= 100) confidence = c;
          else skip(out, `line ${n + 1}`, 'confidence must be an integer 0–100', line);
        } else if (key!.toLowerCase() === 'attack') attack = techniqueList(value!.split(',')) ?? [];
        else labels = value ? [...labels, value] : [];
        continue;
      }
    }
    const value = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (value === '') continue;
    const observable = recognize(value);
    if (!observable) {
      skip(out, `line ${n + 1}`, 'not an address, CIDR, domain, URL or hash', value);
      continue;
    }
    out.indicators.push({
      feed,
      id: `line ${n + 1}`,
      confidence,
      labels: labels.slice(),
      attack: attack.slice(),
      observables: [observable],
    });
  }
  return out;
}

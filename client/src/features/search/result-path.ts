/** @module Where a search result leads (pure). */
import { isIP } from '../../../../shared/ip.js';

export function resultPath(r: { type: 'host' | 'segment' | 'sensor' | 'asset'; id: string }): string {
  switch (r.type) {
    case 'host':
      return `/hosts/${encodeURIComponent(r.id)}`;
    case 'asset':
      return isIP(r.id) ? `/hosts/${encodeURIComponent(r.id)}` : `/sensors?q=${encodeURIComponent(r.id)}`;
    case 'segment':
      return `/alerts?segment=${encodeURIComponent(r.id)}`;
    case 'sensor':
      return `/sensors?sensor=${encodeURIComponent(r.id)}`;
  }
}

/** The hosts whose evidence names an address or a name (see features/peers/NamedBy.tsx). */
export const namedByPath = (q: string): string => `/peers/${encodeURIComponent(q)}`;

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

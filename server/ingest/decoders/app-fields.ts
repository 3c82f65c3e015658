/**
 * @module The indicator-bearing fields of application records (native event `tls_sni`, `http_host`, `http_url`,
 * `ja3`, `ja3s`, `file_*`, `attack`) as Suricata and Zeek write them. A value of the wrong shape is left out, not
 * rejected: an odd fingerprint must not cost the record it came with.
 */
import { techniqueList as techniques } from '../../../shared/attack.js';
import { HEX, MAX_HOST_NAME, MAX_URL } from '../../../shared/schemas/telemetry.js';
import { isObject, type JsonObject, member, text } from './record.js';

/** A hexadecimal digest of `n` digits, lower-cased; undefined for anything else. */
export function digest(value: unknown, n: 32 | 40 | 64): string | undefined {
  return typeof value === 'string' && value.length === n && HEX[n]!.test(value)
    ? value.toLowerCase()
    : undefined;
}

/** A host name (SNI, Host header) lower-cased, without a trailing dot or `:port`. */
export function hostName(value: unknown): string | undefined {
  const name = text(value, MAX_HOST_NAME);
  if (name === undefined) return undefined;
  const bare = name.startsWith('[') ? name : name.replace(/:\d+$/, '');
  return text(bare.toLowerCase().replace(/\.$/, ''), MAX_HOST_NAME);
}

/** A JA3/JA3S value as Suricata logs it (`{hash, string}`) or as a bare hash (Zeek's ja3 package). */
function fingerprint(value: unknown): string | undefined {
  return digest(isObject(value) ? value.hash : value, 32);
}

/**
 * The application fields of one Suricata EVE record: its `tls`, `http`, `fileinfo` objects and alert metadata. An
 * alert's app-layer objects describe the flow's client, while the alert itself may be oriented server → client: they
 * are taken only when the alert says it is oriented as its flow (`flow.src_ip`, Suricata 7+), so that a client's
 * fingerprint is never put on the server.
 */
export function eveAppFields(rec: JsonObject): JsonObject {
  const alert = member(rec, 'alert');
  const meta = alert && member(alert, 'metadata');
  if (alert && member(rec, 'flow')?.src_ip !== rec.src_ip)
    return { attack: techniques(meta?.mitre_technique_id) };
  const tls = member(rec, 'tls');
  const http = member(rec, 'http');
  const file = member(rec, 'fileinfo');
  return {
    tls_sni: hostName(tls?.sni),
    ja3: fingerprint(tls?.ja3),
    ja3s: fingerprint(tls?.ja3s),
    http_host: hostName(http?.hostname),
    http_url: text(http?.url, MAX_URL),
    file_md5: digest(file?.md5, 32),
    file_sha1: digest(file?.sha1, 40),
    file_sha256: digest(file?.sha256, 64),
    attack: techniques(meta?.mitre_technique_id),
  };
}

/** Whether a Suricata fileinfo record carries a hash (one without names nothing an indicator could). */
export function eveFileHashed(rec: JsonObject): boolean {
  const file = member(rec, 'fileinfo');
  return !!(digest(file?.md5, 32) || digest(file?.sha1, 40) || digest(file?.sha256, 64));
}

/** The application fields of one Zeek record of the ssl, http or files log. */
export function zeekAppFields(log: string, rec: JsonObject): JsonObject {
  switch (log) {
    case 'ssl':
      return { tls_sni: hostName(rec.server_name), ja3: fingerprint(rec.ja3), ja3s: fingerprint(rec.ja3s) };
    case 'http':
      return { http_host: hostName(rec.host), http_url: text(rec.uri, MAX_URL) };
    case 'files':
      return {
        file_md5: digest(rec.md5, 32),
        file_sha1: digest(rec.sha1, 40),
        file_sha256: digest(rec.sha256, 64),
      };
    default:
      return {};
  }
}

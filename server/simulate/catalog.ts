/** @module Static reference data of the simulated national network: segments, domains, external hosts, IDS noise. */

export interface SegmentSpec {
  name: string;
  /** Short name used in sensor ids and host names. */
  short: string;
  /** Second octet of the segment's 10.x.0.0/16. */
  octet: number;
  /** Relative share of the hosts. */
  weight: number;
  /** Sensor types watching this segment. */
  sensors: ReadonlyArray<'suricata' | 'zeek'>;
  /** Extra services of this segment's servers (besides the common ones). */
  services: readonly ServiceName[];
}

export type ServiceName =
  | 'https'
  | 'smb'
  | 'mssql'
  | 'postgres'
  | 'smtp'
  | 'rdp'
  | 'modbus'
  | 'dnp3'
  | 'hl7'
  | 'sip';

export const SERVICES: Readonly<
  Record<ServiceName, { port: number; proto: 'tcp' | 'udp'; kbOut: number; kbIn: number }>
> = {
  https: { port: 443, proto: 'tcp', kbOut: 2, kbIn: 30 },
  smb: { port: 445, proto: 'tcp', kbOut: 8, kbIn: 120 },
  mssql: { port: 1433, proto: 'tcp', kbOut: 3, kbIn: 20 },
  postgres: { port: 5432, proto: 'tcp', kbOut: 2, kbIn: 15 },
  smtp: { port: 587, proto: 'tcp', kbOut: 40, kbIn: 1 },
  rdp: { port: 3389, proto: 'tcp', kbOut: 60, kbIn: 900 },
  modbus: { port: 502, proto: 'tcp', kbOut: 0.2, kbIn: 0.3 },
  dnp3: { port: 20000, proto: 'tcp', kbOut: 0.3, kbIn: 0.5 },
  hl7: { port: 2575, proto: 'tcp', kbOut: 4, kbIn: 1 },
  sip: { port: 5060, proto: 'udp', kbOut: 1, kbIn: 1 },
};

export const SEGMENTS: readonly SegmentSpec[] = [
  {
    name: 'ministry-finance',
    short: 'finance',
    octet: 10,
    weight: 1.2,
    sensors: ['suricata', 'zeek'],
    services: ['mssql', 'smtp'],
  },
  {
    name: 'ministry-foreign',
    short: 'foreign',
    octet: 11,
    weight: 1.0,
    sensors: ['suricata', 'zeek'],
    services: ['smtp', 'rdp'],
  },
  {
    name: 'ministry-interior',
    short: 'interior',
    octet: 12,
    weight: 1.0,
    sensors: ['suricata'],
    services: ['postgres', 'smtp'],
  },
  {
    name: 'energy-grid',
    short: 'energy',
    octet: 20,
    weight: 0.8,
    sensors: ['suricata', 'zeek'],
    services: ['modbus', 'dnp3'],
  },
  {
    name: 'health',
    short: 'health',
    octet: 30,
    weight: 1.3,
    sensors: ['zeek'],
    services: ['hl7', 'postgres'],
  },
  {
    name: 'telecom',
    short: 'telecom',
    octet: 40,
    weight: 1.0,
    sensors: ['suricata', 'zeek'],
    services: ['sip', 'postgres'],
  },
  {
    name: 'transport',
    short: 'transport',
    octet: 50,
    weight: 0.8,
    sensors: ['suricata'],
    services: ['mssql', 'rdp'],
  },
  {
    name: 'defence-liaison',
    short: 'defence',
    octet: 60,
    weight: 0.5,
    sensors: ['suricata', 'zeek'],
    services: ['rdp'],
  },
];

/** Well-known public services hosts talk to (address, domain, relative popularity). */
export const EXTERNAL_SERVICES: ReadonlyArray<readonly [string, string, number]> = [
  ['13.107.42.14', 'outlook.office365.com', 10],
  ['20.190.159.0', 'login.microsoftonline.com', 8],
  ['13.107.6.156', 'www.office.com', 4],
  ['52.113.194.132', 'teams.microsoft.com', 6],
  ['23.50.52.40', 'download.windowsupdate.com', 4],
  ['20.109.209.108', 'settings-win.data.microsoft.com', 5],
  ['142.250.74.46', 'www.google.com', 6],
  ['142.250.74.99', 'www.googleapis.com', 3],
  ['151.101.1.140', 'www.reddit.com', 1],
  ['151.101.64.81', 'www.bbc.co.uk', 2],
  ['104.16.132.229', 'cdnjs.cloudflare.com', 3],
  ['140.82.121.4', 'github.com', 1],
  ['72.21.91.29', 'ocsp.digicert.com', 4],
  ['23.215.0.136', 'www.microsoft.com', 2],
  ['17.253.144.10', 'swscan.apple.com', 1],
  ['199.232.82.132', 'pypi.org', 0.5],
  ['185.199.108.153', 'objects.githubusercontent.com', 0.5],
  ['91.189.91.81', 'security.ubuntu.com', 1],
  ['13.33.235.90', 'assets.adobedtm.com', 1],
  ['157.240.20.35', 'www.linkedin.com', 1],
];

/** Public resolvers the segment resolvers forward to. */
export const UPSTREAM_RESOLVERS = ['9.9.9.9', '149.112.112.112', '1.1.1.1'] as const;

/** Government and partner sites of the fictional nation. */
export const NATIONAL_DOMAINS = [
  'portal.gov.example',
  'tax.gov.example',
  'mail.gov.example',
  'intranet.gov.example',
  'cert.gov.example',
  'eprocurement.gov.example',
] as const;

export const QTYPES: ReadonlyArray<readonly [string, number]> = [
  ['A', 60],
  ['AAAA', 24],
  ['HTTPS', 6],
  ['SRV', 4],
  ['PTR', 3],
  ['TXT', 2],
  ['MX', 1],
];

export const RCODES: ReadonlyArray<readonly [string, number]> = [
  ['NOERROR', 95],
  ['NXDOMAIN', 4],
  ['SERVFAIL', 1],
];

/** Low-severity IDS noise (signature, category, severity): what a tuned sensor still says on a normal day. */
export const IDS_NOISE: ReadonlyArray<readonly [string, string, 2 | 3 | 4]> = [
  ['ET POLICY Windows Update Client Activity', 'Not Suspicious Traffic', 4],
  ['ET INFO Observed DNS Query to .cloud TLD', 'Potentially Bad Traffic', 3],
  ['SURICATA STREAM ESTABLISHED packet out of window', 'Generic Protocol Command Decode', 3],
  ['ET POLICY curl User-Agent Outbound', 'Attempted Information Leak', 3],
  ['SURICATA TLS invalid record/traffic', 'Generic Protocol Command Decode', 3],
  ['ET INFO Dropbox.com Offsite File Backup in Use', 'Potential Corporate Privacy Violation', 3],
  ['GPL ICMP_INFO PING *NIX', 'Misc activity', 4],
  ['ET POLICY Python-urllib/ Suspicious User Agent', 'Attempted Information Leak', 2],
];

/** Zeek notices that play the same role on segments watched by Zeek only. */
export const ZEEK_NOTICES: ReadonlyArray<readonly [string, string, 3 | 4]> = [
  ['SSL::Invalid_Server_Cert', 'notice', 3],
  ['Weird::bad_TCP_checksum', 'weird', 4],
  ['Software::Vulnerable_Version', 'notice', 3],
];

export const FIRST_NAMES = [
  'anna',
  'boris',
  'clara',
  'dmitri',
  'elena',
  'filip',
  'greta',
  'hugo',
  'irina',
  'jonas',
  'katja',
  'lukas',
  'maria',
  'nikolai',
  'olga',
  'pavel',
  'rita',
  'sven',
  'tanja',
  'viktor',
  'yana',
  'zoran',
  'lea',
  'marek',
] as const;
export const LAST_NAMES = [
  'novak',
  'horvat',
  'kowalski',
  'petrov',
  'ivanova',
  'berg',
  'lind',
  'tamm',
  'kask',
  'ozols',
  'balodis',
  'jansen',
  'meyer',
  'varga',
  'nagy',
  'popescu',
  'dimitrov',
  'marin',
  'kovac',
  'saar',
] as const;

/** Scenario infrastructure lives in documentation ranges (RFC 5737), never a real party's address. */
export const HOSTILE_ADDRESSES = [
  '203.0.113.17',
  '203.0.113.66',
  '203.0.113.201',
  '198.51.100.23',
  '198.51.100.144',
  '192.0.2.77',
] as const;
export const HOSTILE_DOMAINS = [
  'cdn-telemetry-sync.example',
  'update-check-service.example',
  'static-content-cache.example',
  'metrics-collector.example',
] as const;

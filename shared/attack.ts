/**
 * @module MITRE ATT&CK identifiers as Watchfloor carries them: technique ids (`T1071`, `T1071.004`), and the tactic
 * each technique Watchfloor names belongs to (for grouping alerts by tactic and the matrix view).
 */
import { z } from 'zod';

/** An ATT&CK technique or sub-technique id (Enterprise, Mobile and ICS share the `T` form). */
export const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
/** At most this many technique ids on one event or reason. */
export const MAX_TECHNIQUES = 16;

export const techniqueIdSchema = z
  .string()
  .regex(TECHNIQUE_ID, 'must be an ATT&CK technique id such as T1071.004');
export const techniquesSchema = z.array(techniqueIdSchema).max(MAX_TECHNIQUES);

/** Whether a value is a technique id (the check the native fast path makes). */
export const isTechniqueId = (v: unknown): v is string => typeof v === 'string' && TECHNIQUE_ID.test(v);

/** Technique ids out of a string or a list of strings (upper-cased, deduplicated, others skipped); undefined when none. */
export function techniqueList(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  for (const v of list) {
    const id = typeof v === 'string' ? v.trim().toUpperCase() : v;
    if (isTechniqueId(id) && !ids.includes(id) && ids.length < MAX_TECHNIQUES) ids.push(id);
  }
  return ids.length > 0 ? ids : undefined;
}

/** Enterprise tactics in the matrix's column order (ATT&CK v15 short names). */
export const TACTICS = [
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
] as const;
export type Tactic = (typeof TACTICS)[number];

/**
 * The tactic of each technique Watchfloor's detectors name, and of techniques Suricata rule sets and STIX feeds
 * commonly carry. A technique outside this table is grouped under its own id with no tactic (the alert still carries
 * it, and filters by technique find it).
 */
const TACTIC_OF: Readonly<Record<string, Tactic>> = {
  T1595: 'reconnaissance',
  T1046: 'discovery',
  T1018: 'discovery',
  T1135: 'discovery',
  T1190: 'initial-access',
  T1566: 'initial-access',
  T1133: 'initial-access',
  T1189: 'initial-access',
  T1203: 'execution',
  T1059: 'execution',
  T1204: 'execution',
  T1562: 'defense-evasion',
  T1027: 'defense-evasion',
  T1110: 'credential-access',
  T1003: 'credential-access',
  T1557: 'credential-access',
  T1021: 'lateral-movement',
  T1210: 'lateral-movement',
  T1071: 'command-and-control',
  T1573: 'command-and-control',
  T1090: 'command-and-control',
  T1095: 'command-and-control',
  T1105: 'command-and-control',
  T1568: 'command-and-control',
  T1571: 'command-and-control',
  T1572: 'command-and-control',
  T1041: 'exfiltration',
  T1048: 'exfiltration',
  T1567: 'exfiltration',
  T1498: 'impact',
  T1499: 'impact',
  T1486: 'impact',
};

/**
 * MITRE's names of the techniques Watchfloor's detectors name and those in the table above (ATT&CK v15, Enterprise),
 * and of the sub-techniques the detectors name. MITRE publishes ATT&CK in English only, and analysts look techniques up
 * by these names, so they are shown as they are in every language (like the ids).
 */
const TECHNIQUE_NAMES: Readonly<Record<string, string>> = {
  T1595: 'Active Scanning',
  T1046: 'Network Service Discovery',
  T1018: 'Remote System Discovery',
  T1135: 'Network Share Discovery',
  T1190: 'Exploit Public-Facing Application',
  T1566: 'Phishing',
  T1133: 'External Remote Services',
  T1189: 'Drive-by Compromise',
  T1203: 'Exploitation for Client Execution',
  T1059: 'Command and Scripting Interpreter',
  T1204: 'User Execution',
  T1562: 'Impair Defenses',
  T1027: 'Obfuscated Files or Information',
  T1110: 'Brute Force',
  T1003: 'OS Credential Dumping',
  T1557: 'Adversary-in-the-Middle',
  T1021: 'Remote Services',
  T1210: 'Exploitation of Remote Services',
  T1071: 'Application Layer Protocol',
  'T1071.001': 'Application Layer Protocol: Web Protocols',
  'T1071.002': 'Application Layer Protocol: File Transfer Protocols',
  'T1071.003': 'Application Layer Protocol: Mail Protocols',
  'T1071.004': 'Application Layer Protocol: DNS',
  T1573: 'Encrypted Channel',
  T1090: 'Proxy',
  T1095: 'Non-Application Layer Protocol',
  T1105: 'Ingress Tool Transfer',
  T1568: 'Dynamic Resolution',
  'T1568.002': 'Dynamic Resolution: Domain Generation Algorithms',
  T1571: 'Non-Standard Port',
  T1572: 'Protocol Tunneling',
  T1041: 'Exfiltration Over C2 Channel',
  T1048: 'Exfiltration Over Alternative Protocol',
  T1567: 'Exfiltration Over Web Service',
  T1498: 'Network Denial of Service',
  T1499: 'Endpoint Denial of Service',
  T1486: 'Data Encrypted for Impact',
};

/**
 * A technique's name: its own, else (a sub-technique not in the table) its parent's with the sub-technique's number;
 * undefined when not known.
 */
export function techniqueName(technique: string): string | undefined {
  const own = TECHNIQUE_NAMES[technique];
  if (own) return own;
  const dot = technique.indexOf('.');
  const parent = dot < 0 ? undefined : TECHNIQUE_NAMES[technique.slice(0, dot)];
  return parent ? `${parent} (${technique.slice(dot + 1)})` : undefined;
}

/** A technique as screens show it: "T1046 Network Service Discovery", the id alone when its name is not known. */
export function techniqueLabel(technique: string): string {
  const name = techniqueName(technique);
  return name ? `${technique} ${name}` : technique;
}

/** The tactic of a technique or sub-technique (a sub-technique's is its parent's); undefined when not known. */
export function tacticOf(technique: string): Tactic | undefined {
  const dot = technique.indexOf('.');
  return TACTIC_OF[dot < 0 ? technique : technique.slice(0, dot)];
}

/** Whether a value is a tactic short name (`command-and-control`). */
export const isTactic = (v: unknown): v is Tactic => (TACTICS as readonly unknown[]).includes(v);

/** MITRE's names of the tactics, shown wherever a tactic is (in English in both languages, like technique names). */
const TACTIC_NAMES: Readonly<Record<Tactic, string>> = {
  reconnaissance: 'Reconnaissance',
  'resource-development': 'Resource Development',
  'initial-access': 'Initial Access',
  execution: 'Execution',
  persistence: 'Persistence',
  'privilege-escalation': 'Privilege Escalation',
  'defense-evasion': 'Defense Evasion',
  'credential-access': 'Credential Access',
  discovery: 'Discovery',
  'lateral-movement': 'Lateral Movement',
  collection: 'Collection',
  'command-and-control': 'Command and Control',
  exfiltration: 'Exfiltration',
  impact: 'Impact',
};

/** A tactic as screens show it ("Command and Control"); a value that is not a tactic short name, as it is. */
export const tacticName = (tactic: string): string => (isTactic(tactic) ? TACTIC_NAMES[tactic] : tactic);

/** What the ATT&CK grouping reads of an alert or a host: its reasons' techniques and intel labels. */
interface WithReasons {
  reasons: readonly { attack?: readonly string[]; intel?: { labels: readonly string[] } }[];
}

/**
 * The techniques an alert's reasons are evidence of, and their tactics (from the table above, and from the
 * `tactic:<name>` labels STIX kill-chain phases give intel reasons), each once, in reason order.
 */
export function attackOfReasons(x: WithReasons): { techniques: string[]; tactics: Tactic[] } {
  const techniques: string[] = [];
  const tactics: Tactic[] = [];
  for (const r of x.reasons) {
    for (const t of r.attack ?? []) {
      if (!techniques.includes(t)) techniques.push(t);
      const tactic = tacticOf(t);
      if (tactic && !tactics.includes(tactic)) tactics.push(tactic);
    }
    for (const label of r.intel?.labels ?? []) {
      const name = label.startsWith('tactic:') ? label.slice(7) : '';
      if (isTactic(name) && !tactics.includes(name)) tactics.push(name);
    }
  }
  return { techniques, tactics };
}

/** Whether a technique filter names this technique or its parent (`T1071` finds `T1071.004`). */
export const techniqueMatches = (filter: string, technique: string): boolean =>
  technique === filter || technique.startsWith(`${filter}.`);

/**
 * An alert's techniques and tactics: those of the reasons it was raised for, of its peak and of its reasons now, each
 * once. Its reasons now alone are what its host does lately (an exfiltration alert whose host later shows only a weak
 * beacon-like sign left Exfiltration for Command and Control in the queue's filter).
 */
export function attackOfAlert(
  a: WithReasons & { raiseReasons?: WithReasons['reasons']; peakReasons?: WithReasons['reasons'] },
): {
  techniques: string[];
  tactics: Tactic[];
} {
  return attackOfReasons({ reasons: [...(a.raiseReasons ?? []), ...(a.peakReasons ?? []), ...a.reasons] });
}

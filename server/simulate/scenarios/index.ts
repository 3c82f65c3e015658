/** @module The scenario registry and the names the CLI accepts for them. */
import { SCENARIO_NAMES, type ScenarioName } from '../truth.js';
import { beacon } from './beacon.js';
import { dnsTunnel } from './dns-tunnel.js';
import { exfiltration } from './exfiltration.js';
import { passwordGuess } from './password-guess.js';
import { portScan } from './port-scan.js';
import { slowScan } from './slow-scan.js';
import { sweep } from './sweep.js';
import type { ScenarioDefinition } from './types.js';
import { weakEvidence } from './weak-evidence.js';

export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioDefinition>> = {
  'port-scan': portScan,
  beacon,
  exfiltration,
  'dns-tunnel': dnsTunnel,
  'password-guess': passwordGuess,
  'slow-scan': slowScan,
  sweep,
  'weak-evidence': weakEvidence,
};

/** Short names accepted besides the canonical ones. */
const ALIASES: Readonly<Record<string, ScenarioName>> = {
  scan: 'port-scan',
  portscan: 'port-scan',
  exfil: 'exfiltration',
  tunnel: 'dns-tunnel',
  dnstunnel: 'dns-tunnel',
  bruteforce: 'password-guess',
  'brute-force': 'password-guess',
  spray: 'password-guess',
  'paced-scan': 'slow-scan',
  'horizontal-scan': 'sweep',
  whisper: 'weak-evidence',
};

/** The canonical scenario name for a name or alias, or undefined. */
export function resolveScenarioName(name: string): ScenarioName | undefined {
  const n = name.trim().toLowerCase();
  return (SCENARIO_NAMES as readonly string[]).includes(n) ? (n as ScenarioName) : ALIASES[n];
}

export type { ScenarioContext, ScenarioDefinition, ScenarioInstance, ScenarioPlan } from './types.js';

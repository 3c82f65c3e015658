/** @module Severity as colour AND shape AND word (colour-blind safe): ◆ CRITICAL, ▲ HIGH, ● MEDIUM. */
import type { Severity } from '../../../shared/schemas/alert.js';
import { BAND_LOOK } from '../labels/bands.js';

export const SEVERITY_LOOK: Readonly<Record<Severity, { shape: string; label: string; short: string }>> =
  BAND_LOOK;

export function SeverityBadge({ severity, short = false }: { severity: Severity; short?: boolean }) {
  const look = SEVERITY_LOOK[severity];
  return (
    <span className={`sev sev--${severity}`}>
      <span className="sev__shape" aria-hidden="true">
        {look.shape}
      </span>
      <span className="sev__label">{short ? look.short : look.label}</span>
    </span>
  );
}

/** @module One big number with its label, for the top of a screen. */
import type { ReactNode } from 'react';

export interface KpiTileProps {
  label: string;
  value: string;
  unit?: string;
  detail?: ReactNode;
  tone?: 'normal' | 'warn' | 'bad';
}

export function KpiTile({ label, value, unit, detail, tone = 'normal' }: KpiTileProps) {
  return (
    <div className={`kpi kpi--${tone}`}>
      <div className="kpi__label">{label}</div>
      <div className="kpi__value">
        {value}
        {unit ? <span className="kpi__unit"> {unit}</span> : null}
      </div>
      {detail ? <div className="kpi__detail">{detail}</div> : null}
    </div>
  );
}

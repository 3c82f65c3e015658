/** @module The classification marking, shown at the top and the bottom of every screen. */
import { readableOn } from '../lib/contrast.js';

export interface ClassificationBannerProps {
  text: string;
  colour: string;
  position: 'top' | 'bottom';
}

export function ClassificationBanner({ text, colour, position }: ClassificationBannerProps) {
  return (
    <div
      className={`classification classification--${position}`}
      style={{ background: colour, color: readableOn(colour) }}
    >
      {text}
    </div>
  );
}

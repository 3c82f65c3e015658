/** @module Picks black or white text for a background colour (WCAG relative luminance). */

const NAMED: Record<string, string> = {
  green: '#008000',
  red: '#ff0000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  black: '#000000',
  white: '#ffffff',
  grey: '#808080',
  gray: '#808080',
};

function toRgb(colour: string): [number, number, number] | null {
  let hex = NAMED[colour.toLowerCase()] ?? colour;
  if (!hex.startsWith('#')) return null;
  hex = hex.slice(1);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  if (hex.length !== 6) return null;
  const n = Number.parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** '#000000' or '#ffffff', whichever contrasts more with `background`. */
export function readableOn(background: string): string {
  const rgb = toRgb(background);
  if (!rgb) return '#ffffff';
  const l = luminance(rgb);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

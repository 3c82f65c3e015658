/**
 * @module A segment's name (up to 64 characters) that wraps between its parts rather than inside a word: after a
 * hyphen (the browser's own break) and after `_`, `.` or `/` (a `<wbr>`); inside a part only when that part alone is
 * wider than the room (`.segname`).
 */

/** The name's parts, each ending with the separator it breaks after (`a_b.c` → `a_`, `b.`, `c`). */
export function segmentParts(name: string): string[] {
  return name.match(/[^_./]*(?:[_./]+|$)/g)?.filter((p) => p !== '') ?? [name];
}

export function SegmentName({ name }: { name: string }) {
  const parts = segmentParts(name);
  let at = 0;
  return (
    <span className="segname">
      {parts.map((part) => {
        const key = at;
        at += part.length;
        return key === 0 ? (
          part
        ) : (
          <span key={key}>
            <wbr />
            {part}
          </span>
        );
      })}
    </span>
  );
}

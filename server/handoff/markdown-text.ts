/**
 * @module Text from producers (a signature, a segment's name, a query, a feed's indicator name) and from analysts (a
 * note) as inert Markdown: it reads as it was written wherever Markdown is rendered (TheHive's description), and
 * none of it becomes a link, emphasis, a heading, a table cell, HTML or an entity. Pure.
 */

import { showUnseen } from '../../shared/unseen.js';

/**
 * CommonMark's ASCII punctuation that can start syntax (`\` `` ` `` `*` `_` `{` `}` `[` `]` `(` `)` `#` `+` `-` `.`
 * `!` `|` `<` `>` `~`), `&` (entities), `:` (GFM's bare `https://` autolinks and `:emoji:` shortcodes) and `=` `$`
 * `^` (common extensions: highlight, math, superscript). CommonMark lets a backslash escape any of them.
 */
const SYNTAX = /[\\`*_{}[\]()#+\-.!|<>~&:=$^]/g;
/** Line endings as CommonMark reads them, and Unicode's (a new line would start a new block). */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * The text as Markdown that renders as exactly this text (line breaks as spaces), its controls and direction marks
 * shown as U+FFFD (`\u202E` would reverse what follows it on the reader's screen).
 */
export function markdownText(text: string): string {
  return showUnseen(text.replace(LINE_BREAK, ' ')).replace(SYNTAX, '\\$&');
}

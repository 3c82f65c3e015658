/**
 * @module Characters that change how text around them reads without being seen: C0 and C1 controls, and Unicode's
 * direction marks, embeddings, overrides and isolates. A producer's `fin…\u202Eecnanif` read as "fin…finance" in the
 * alert queue. Names that key things (a segment, a sensor) may not hold them; text passed on to other tools shows
 * each as U+FFFD. Pure.
 */

/** One unseen character (line feed and carriage return included; a tab is white space, not unseen). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this expression's purpose
export const UNSEEN = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSEEN_ALL = new RegExp(UNSEEN.source, 'g');

/** Whether `text` holds none. */
export const noUnseen = (text: string): boolean => !UNSEEN.test(text);

/** The text with each unseen character shown as U+FFFD (line breaks too: callers that keep them replace them first). */
export const showUnseen = (text: string): string => text.replace(UNSEEN_ALL, '\uFFFD');

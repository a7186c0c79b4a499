/**
 * How a message shows the values it quotes: text from the input quoted on one line, a library's message by its
 * first line, numbers with their thousands grouped. The message tables and the problems' builders both use it.
 */

/**
 * Text from the input, quoted for a message: line breaks, control characters and Unicode line
 * separators are escaped, so a problem always prints as one `file:line:col: error` line.
 */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Libraries' messages may carry a code excerpt after their first line; problems are one line. */
export function firstLine(message: string): string {
  return message.split(/[\r\n\u2028\u2029]/)[0]!;
}

/** `19901` → `19,901` (without `toLocaleString`, which wakes ICU: milliseconds a short run does not have). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Text from records and file names, made safe to print on a terminal. A
 * value quoted in a message or a file name may hold characters that steer
 * the terminal instead of showing: ESC sequences (erase the line, move up,
 * print a fake "✔ 0 problems" in green), OSC-8 links and window titles, BEL,
 * C1 controls (U+009B alone starts a sequence), and bidirectional overrides
 * and isolates, which reorder what is shown. Each is shown as its escape
 * (`\u001b`), as JSON would write it, so the problem stays readable.
 * Backslashes are left alone: the text is for reading, not for parsing back.
 */
const STEERING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(STEERING, escaped);
}

/** As {@link visible}, line by line: for formats whose own line feeds separate lines of data (JUnit's text). */
export function visibleLines(text: string): string {
  return text.split('\n').map(visible).join('\n');
}

/** The characters JSON.stringify leaves raw that still steer a terminal (it escapes C0 itself). */
const STEERING_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with every character that could steer a terminal written as a
 * `\u` escape: the same JSON value for every reader (JSON.parse gives the
 * characters back), nothing raw for a terminal showing it.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(STEERING_IN_JSON, escaped);
}

function escaped(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

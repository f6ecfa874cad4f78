// Lead ids, traits and properties come from a public write key: a control sequence in them must
// not reach the terminal as one (cursor moves, OSC 8 links, a forged line). C0, DEL, C1 and the
// bidirectional overrides are shown as escapes instead.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// JSON.stringify already escapes C0 inside strings (the newlines left are its own indentation).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A value as one line of safe text: control characters become `\uXXXX`. */
export function terminalText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return text.replace(UNSAFE, escapeChar);
}

/** JSON for `-o json`: still valid JSON, with the characters JSON.stringify leaves raw (DEL, C1, bidi) escaped too. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, escapeChar);
}

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

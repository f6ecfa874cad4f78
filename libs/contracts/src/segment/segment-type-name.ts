/** The longest event type the log takes (docs/events.md "Native API": `^[a-z][a-z0-9_]{0,63}$`). */
const MAX_TYPE_LENGTH = 64;

/**
 * A Segment `event` name as a Leadscore type (docs/events.md): camelCase split,
 * runs of other characters → `_`, lower case, at most 64 characters, `e_` in front when it would
 * not start with a letter. `Whitepaper Downloaded` → `whitepaper_downloaded`.
 */
export function segmentTypeName(event: string): string {
  const words = event
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const named = /^[a-z]/.test(words) ? words : `e_${words}`;
  return named.slice(0, MAX_TYPE_LENGTH).replace(/_+$/, '');
}

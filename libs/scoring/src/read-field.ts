import { DAY_MS } from './duration';
import { type LeadState } from './lead-state';
import { type ScoringEvent } from './scoring-event';

/** Reads one condition field from an event and its lead; undefined when absent. */
export type FieldReader = (event: ScoringEvent, lead: LeadState) => unknown;

/**
 * Compiles a dotted path once: `properties.*` walks the event, `traits.*` the lead's merged traits,
 * `lead.daysInactive` is whole days since the lead's previous activity. Only own keys are read,
 * so `properties.constructor` is absent, not a function.
 */
export function compileFieldReader(field: string): FieldReader {
  if (field === 'type') return (event) => event.type;
  if (field === 'source') return (event) => event.source;
  if (field === 'lead.daysInactive') return daysInactive;
  const [root, ...keys] = field.split('.');
  const walk = compileWalk(keys);
  return root === 'traits' ? (_event, lead) => walk(lead.traits) : (event) => walk(event.properties);
}

function daysInactive(event: ScoringEvent, lead: LeadState): number | undefined {
  return lead.lastActivityAt === null ? undefined : Math.floor((event.occurredAt - lead.lastActivityAt) / DAY_MS);
}

function compileWalk(keys: string[]): (value: unknown) => unknown {
  if (keys.length === 1) {
    const key = keys[0];
    return (value) => (value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined);
  }
  return (value) => {
    let current = value;
    for (const key of keys) {
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
}

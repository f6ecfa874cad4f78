/**
 * Who wrote an event: `public` = a write key (ingest's routes; a write key is public, it sits in
 * every pixel URL), or the internal producer that wrote it. Travels on every message and is
 * stored with every event; the fold honours a reserved type only from its producer.
 */
export const PRODUCERS = ['public', 'admin', 'scheduler', 'scoring'] as const;
export type Producer = (typeof PRODUCERS)[number];

export const SALES_FEEDBACK = 'sales_feedback';
export const INACTIVITY_TICK = 'inactivity_tick';
export const IDENTITY_MERGED = 'identity_merged';

/**
 * The one list of the types the system writes itself, each with the only producer that may:
 * the ops API's feedback endpoint, handoff's inactivity scheduler, the scoring worker's identity
 * step. A public route never takes them; a new system type is added here.
 */
export const RESERVED_TYPES: Readonly<Record<string, Producer>> = Object.freeze({
  [SALES_FEEDBACK]: 'admin',
  [INACTIVITY_TICK]: 'scheduler',
  [IDENTITY_MERGED]: 'scoring',
});

/**
 * The eventId prefixes of ids the system makes (inactivity ticks, merge markers, merged copies,
 * feedback events). A public event in one of them could pre-empt the system's own event on the
 * same lead (the dedupe keeps the lead's first stored), so public routes refuse them.
 */
export const RESERVED_EVENT_ID_PREFIXES: readonly string[] = Object.freeze(['inactivity:', 'merge:', 'merged:', 'feedback:']);

/** RESERVED_TYPES as a Map: asked for every event the fold reads (a frozen object's own-property check cost ~3 % of a simulation). */
const RESERVED_PRODUCERS: ReadonlyMap<string, Producer> = new Map(Object.entries(RESERVED_TYPES));

/** The producer allowed to write `type`, or null when any producer may (not a reserved type). */
export function reservedProducerOf(type: string): Producer | null {
  return RESERVED_PRODUCERS.get(type) ?? null;
}

/** The system namespace `eventId` is in (its prefix, such as `inactivity:`), else null. */
export function reservedEventIdPrefixOf(eventId: string): string | null {
  return RESERVED_EVENT_ID_PREFIXES.find((prefix) => eventId.startsWith(prefix)) ?? null;
}

export function isProducer(value: unknown): value is Producer {
  return typeof value === 'string' && (PRODUCERS as readonly string[]).includes(value);
}

/**
 * The producer of a message written before messages said (older ingest, an older worker): a
 * write key's id means public; without one, a reserved type is its own producer's (the old
 * internal producers wrote no key) and anything else is public. Never more than it can prove.
 */
export function inferredProducer(message: { type: string; sourceKeyId: string | null }): Producer {
  if (message.sourceKeyId !== null) return 'public';
  return reservedProducerOf(message.type) ?? 'public';
}

/** Why the fold ignores an event of a reserved type from `producer`, or null when it honours it. */
export function provenanceProblem(type: string, producer: Producer): string | null {
  const allowed = reservedProducerOf(type);
  if (allowed === null || allowed === producer) return null;
  return `ignored: ${type} is a reserved type honoured only from the ${allowed} producer, this event came from ${producer}`;
}

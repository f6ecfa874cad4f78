export const PG_POOL = Symbol('PgPool');
export const HANDOFF_METRICS = Symbol('HandoffMetrics');
/** The producer of handoffs, inactivity ticks and dead letters. */
export const HANDOFF_PRODUCER = Symbol('HandoffProducer');
/** The batch transport consuming `lead-scores` (main.ts connects it as the app's microservice). */
export const LEAD_SCORES_TRANSPORT = Symbol('LeadScoresTransport');

export const KAFKA = Symbol('Kafka');
export const PG_POOL = Symbol('PgPool');
export const SCORING_METRICS = Symbol('ScoringMetrics');
/** The producer of the batches' publications and dead letters. */
export const SCORING_PRODUCER = Symbol('ScoringProducer');
export const SCORING_STEPS = Symbol('ScoringSteps');
/** The batch transport consuming `lead-events` (main.ts connects it as the app's microservice). */
export const LEAD_EVENTS_TRANSPORT = Symbol('LeadEventsTransport');

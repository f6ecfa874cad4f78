export const KAFKA = Symbol('Kafka');
export const PG_POOL = Symbol('PgPool');

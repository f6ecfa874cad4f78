export const ADMIN_TOKEN = Symbol('AdminToken');
export const PG_POOL = Symbol('PgPool');
export const REDIS = Symbol('Redis');
export const KAFKA = Symbol('Kafka');

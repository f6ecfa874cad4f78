export const ADMIN_TOKEN = Symbol('AdminToken');
export const PG_POOL = Symbol('PgPool');
/** TypeORM's data source: the admin's plain CRUD through its repositories (its pool is PG_POOL). */
export const DATA_SOURCE = Symbol('DataSource');
export const REDIS = Symbol('Redis');
export const KAFKA = Symbol('Kafka');

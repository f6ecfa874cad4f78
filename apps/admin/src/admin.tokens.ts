export const ADMIN_TOKEN = Symbol('AdminToken');
export const PG_POOL = Symbol('PgPool');

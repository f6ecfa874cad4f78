export const KAFKA = Symbol('Kafka');
export const PG_POOL = Symbol('PgPool');
export const PARTITION_PROGRESS = Symbol('PartitionProgress');

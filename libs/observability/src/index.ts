export * from './health-check';
export * from './health.controller';
export * from './logging';
export * from './metrics';
export * from './observability.module';
export * from './registered-once';

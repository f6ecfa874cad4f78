export * from './dead-letter-publisher';
export * from './ensure-topics';
export * from './kafka-client';
export * from './kafka-health-check';
export * from './reliable-producer';
export * from './send-chunks';
export * from './partition-progress';
export * from './partition-progress.health-check';

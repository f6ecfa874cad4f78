export * from './dead-letter-publisher';
export * from './ensure-topics';
export * from './fenced-producer';
export * from './fencing-socket-factory';
export * from './kafka-client';
export * from './kafka-health-check';
export * from './reliable-producer';
export * from './send-chunks';

export * from './native-event-batch.dto';
export * from './native-event.dto';
export * from './native-event.rules';
export * from './occurred-at';
export * from './to-lead-event-message';

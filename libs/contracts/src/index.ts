export * from './dead-letter';
export * from './field-error';
export * from './lead-event.message';
export * from './lead-score-changed.message';
export * from './native-event';
export * from './segment';
export * from './stage';
export * from './topics';

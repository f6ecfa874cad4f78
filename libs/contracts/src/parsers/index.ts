export * from './parsed-message';
export * from './lead-event.parser';
export * from './lead-score-changed.parser';

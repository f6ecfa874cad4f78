export * from './with-transaction';
export * from './advisory-locks';
export * from './session-leadership';

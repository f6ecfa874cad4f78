export * from './with-transaction';
export * from './advisory-locks';

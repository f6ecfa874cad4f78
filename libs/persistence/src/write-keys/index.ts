export * from './write-key-list';
export * from './write-key-revocation';
export * from './write-key.hash';
export * from './write-key.repository';

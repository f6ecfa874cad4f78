export * from './write-key.hash';
export * from './write-key.repository';

export * from './segment-call';
export * from './segment-request';
export * from './segment-type-name';

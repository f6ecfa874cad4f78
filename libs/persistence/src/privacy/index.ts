export * from './erased-id.hash';
export * from './erasure.repository';
export * from './lead-cluster.reader';
export * from './sweep-leads';

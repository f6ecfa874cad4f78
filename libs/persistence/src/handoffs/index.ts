export * from './routing.repository';
export * from './handoff.repository';
export * from './delivery.repository';
export * from './parked-promotion.repository';

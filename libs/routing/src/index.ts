export * from './routing-config';
export * from './choose-team';
export * from './choose-member';
export * from './webhook-signature';
export * from './retry-schedule';
export * from './private-address';
export * from './webhook-target';

export * from './delivery-schedule';
export * from './events';
export * from './instalments';
export * from './promise-check';
export * from './reasons';
export * from './stances';
export * from './timer-action';
export * from './timer-plan';

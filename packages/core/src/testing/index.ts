export * from './builders';
export * from './ids';
export * from './inputs';

export * from './builders';
export * from './ids';

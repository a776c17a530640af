export * from '@doorstep/core/testing';
export * from './arbitraries';
export * from './clock';
export * from './policy';
export * from './portfolio';
export * from './random';
export * from './simulate';

export * from './bounded';
export * from './calendar';
export * from './intervals';
export * from './schemas';
export * from './zoned';

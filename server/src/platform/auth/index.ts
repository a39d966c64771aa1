export * from './sessions';
export * from './middleware';
export * from './scope';

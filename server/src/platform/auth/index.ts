export * from './sessions';
export * from './staff-sessions';
export * from './middleware';
export * from './scope';

/**
 * @minzheng/contracts: what the server, the mini-program and the console share, so that a
 * renamed field or status breaks the build, not a citizen's page. Plain TypeScript with no
 * dependencies (Taro's webpack, Vite and tsx all compile it from source). The server checks its
 * zod schemas and views against these types (`Exact`), and the clients compile against them.
 */
export * from './areas';
export * from './assistance';
export * from './bookings';
export * from './community';
export * from './elderly';
export * from './funeral';
export * from './notices';
export * from './pages';
export * from './places';
export * from './search';
export * from './family-search';
export * from './social-work';
export * from './staff';
export * from './volunteer';

/** `true` when A and B are the same type (a request type against `z.input<typeof schema>`). */
export type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

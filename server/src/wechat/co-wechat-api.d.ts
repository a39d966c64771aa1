// co-wechat-api ships no types; only transport.ts touches it.
declare module 'co-wechat-api';

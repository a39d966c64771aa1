/**
 * The one way the server reads uploaded files: bounded multipart reading with every stream's
 * errors handled (multipart.ts), content sniffing (sniff.ts), images decoded and encoded anew
 * (images.ts) and spreadsheets read linearly within row and byte limits (table.ts).
 */
export * from './images';
export * from './multipart';
export * from './sniff';
export * from './table';

// unzipper ships no types; only the central-directory reader used by table.ts is declared.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';
  export interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    stream(): Readable;
  }
  export const Open: {
    buffer(data: Buffer): Promise<{ files: CentralDirectoryFile[] }>;
  };
}

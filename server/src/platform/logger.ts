import pino, { type DestinationStream, type Logger } from 'pino';

// Resident ID numbers (18 chars) and mainland mobile numbers, wherever they appear in a
// line. Masking the serialized line, not chosen fields, means no code path can forget it.
const ID_NUMBER = /(?<![0-9A-Za-z])([1-9]\d{5})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const PHONE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

export function maskPii(text: string): string {
  return text.replace(ID_NUMBER, '$1********$3').replace(PHONE, '$1****$3');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.password',
          '*.secret',
          '*.sessionKey',
          '*.session_key',
          '*.idNumber',
          '*.phone',
          '*.phoneNumber',
          '*.code',
        ],
        censor: '[redacted]',
      },
      hooks: { streamWrite: maskPii },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

export type { Logger };

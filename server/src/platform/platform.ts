import type { Sequelize } from 'sequelize';
import type { Config } from '../../../config';
import type { Audit } from './audit';
import type { CitizenSession, Sessions, StaffSessions } from './auth';
import type { Cache } from './cache';
import type { Clock } from './clock';
import type { Events } from './events';
import type { PiiCrypto } from './crypto';
import type { Jobs } from './jobs';
import type { Logger } from './logger';

/** What every domain module is given. The platform knows nothing of the modules. */
export interface Platform {
  config: Config;
  /** The one "now": every date and deadline is read from it. */
  clock: Clock;
  db: Sequelize;
  cache: Cache;
  /** Pub/sub across every process (Redis when configured). */
  events: Events;
  logger: Logger;
  audit: Audit;
  pii: PiiCrypto;
  jobs: Jobs;
  citizenSessions: Sessions<CitizenSession>;
  staffSessions: StaffSessions;
}

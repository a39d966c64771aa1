import { namedMigrations } from '../../../platform/db/migrate';
import * as messages from './202611290030-messages';
import * as noticeOutbox from './202611290060-notice-outbox';
import * as outboxFailureClass from './202612110010-outbox-failure-class';
import * as broadcastReach from './202612120310-broadcast-reach';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611290030-messages': messages,
  '202611290060-notice-outbox': noticeOutbox,
  '202612110010-outbox-failure-class': outboxFailureClass,
  '202612120310-broadcast-reach': broadcastReach,
});

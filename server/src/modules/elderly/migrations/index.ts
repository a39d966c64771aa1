import { namedMigrations } from '../../../platform/db/migrate';
import * as elderly from './202612200010-elderly';
import * as mealsAssessment from './202612300010-elderly-meals-assessment';
import * as pickupHallLink from './202612310010-elderly-pickup-hall-link';
import * as grid from './202612310020-elderly-grid';
import * as assessmentBooking from './202701070010-elderly-assessment-booking';
import * as gridRows from './202701080010-elderly-grid-rows';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612200010-elderly': elderly,
  '202612300010-elderly-meals-assessment': mealsAssessment,
  '202612310010-elderly-pickup-hall-link': pickupHallLink,
  '202612310020-elderly-grid': grid,
  '202701070010-elderly-assessment-booking': assessmentBooking,
  '202701080010-elderly-grid-rows': gridRows,
});

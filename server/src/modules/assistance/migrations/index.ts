import { namedMigrations } from '../../../platform/db/migrate';
import * as assistance from './202612120010-assistance';
import * as kin from './202612130010-assistance-kin';
import * as reports from './202612140010-assistance-reports';
import * as reportCategory from './202612150010-assistance-report-category';
import * as payments from './202612220010-assistance-payments';
import * as surveyPhotos from './202612310010-assistance-survey-photos';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202612120010-assistance': assistance,
  '202612130010-assistance-kin': kin,
  '202612140010-assistance-reports': reports,
  '202612150010-assistance-report-category': reportCategory,
  '202612220010-assistance-payments': payments,
  '202612310010-assistance-survey-photos': surveyPhotos,
});

import { namedMigrations } from '../../../platform/db/migrate';
import * as socialOrgs from './202611300300-social-orgs';
import * as orgGramDf from './202612070010-org-gram-df';
import * as orgGramDfPhrases from './202612080010-org-gram-df-phrases';
import * as orgNamePostings from './202612090010-org-name-postings';
import * as keyedComplaintFingerprints from './202612120020-keyed-complaint-fingerprints';
import * as orgImports from './202612120030-org-imports';
import * as orgProfiles from './202701100010-org-profiles';

/** The migrations of this module, handed to the migrator by the app assembly (src/migrations.ts). */
export const migrations = namedMigrations({
  '202611300300-social-orgs': socialOrgs,
  '202612070010-org-gram-df': orgGramDf,
  '202612080010-org-gram-df-phrases': orgGramDfPhrases,
  '202612090010-org-name-postings': orgNamePostings,
  '202612120020-keyed-complaint-fingerprints': keyedComplaintFingerprints,
  '202612120030-org-imports': orgImports,
  '202701100010-org-profiles': orgProfiles,
});

import type { Migration } from '../../../platform/db/migrate';

/**
 * The inbox reads its page and its count from the indexes alone: each kind of holder (a role at
 * a level and division prefix; a colleague by name) has an index holding every column the inbox
 * filters on and its due date, so a county's 5,000 waiting cases are counted and sorted without
 * visiting a row, and only the page's 20 rows are fetched. Same leading columns as the indexes
 * they replace.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addIndex(
    'cases',
    ['holder_level', 'division_code', 'holder_kind', 'holder_role', 'type', 'stage', 'flag', 'due_on'],
    { name: 'cases_inbox_cover' },
  );
  await qi.removeIndex('cases', 'cases_inbox');
  await qi.addIndex('cases', ['assignee_staff_id', 'holder_kind', 'type', 'stage', 'flag', 'due_on'], {
    name: 'cases_assignee_cover',
  });
  await qi.removeIndex('cases', 'cases_assignee');
};

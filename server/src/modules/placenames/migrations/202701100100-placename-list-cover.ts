import type { Migration } from '../../../platform/db/migrate';

/**
 * The public search's list reads its page from an index alone: each prefix's index (the name, the
 * pinyin key, the initials) holds, after the prefix column and the id (their order, the order of
 * the answer), the status it filters on and what the list shows (category, division, name, pinyin;
 * the initials' also the pinyin key its second range leaves out). A first-time search then reads
 * its 21 entries from one or two leaf pages instead of visiting 21 rows scattered over the table.
 * Same leading columns as the indexes they replace, so staff searches keep their ranges.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addIndex('place_names', ['name', 'id', 'status', 'category', 'division_code', 'pinyin'], {
    name: 'place_names_name_list',
  });
  await qi.removeIndex('place_names', 'place_names_name');
  await qi.addIndex('place_names', ['pinyin_key', 'id', 'status', 'category', 'division_code', 'name', 'pinyin'], {
    name: 'place_names_pinyin_key_list',
  });
  await qi.removeIndex('place_names', 'place_names_pinyin_key');
  await qi.addIndex(
    'place_names',
    ['initials', 'id', 'status', 'pinyin_key', 'category', 'division_code', 'name', 'pinyin'],
    { name: 'place_names_initials_list' },
  );
  await qi.removeIndex('place_names', 'place_names_initials');
};

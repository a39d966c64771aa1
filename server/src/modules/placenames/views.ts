import {
  divisionPrefix,
  PLACE_NAME_ACTION_LABELS,
  PLACE_NAME_CATEGORY_LABELS,
  type PlaceNameAnnouncementView,
  type PlaceNameListItem,
  type PlaceNameView,
} from '@minzheng/contracts';
import type { DivisionsApi } from '../divisions';
import type { AnnouncementRow, PlaceNameRow } from './models';

/** Division names for views: today's name, or today's with the old one for a code since abolished. */
export function makeDivisionNames(divisions: DivisionsApi) {
  const known = new Map<string, string>();
  const names = async (code: string) => {
    let name = known.get(code);
    if (name === undefined) {
      name = await divisions.displayName(code);
      if (known.size > 5000) known.clear();
      known.set(code, name);
    }
    return name;
  };
  /**
   * The name when already known, without a promise: a first-time search lists some twenty names
   * from a handful of divisions, and awaiting each would cost a promise and a turn of the
   * microtask queue per name for a value already at hand.
   */
  return Object.assign(names, { known: (code: string): string | undefined => known.get(code) });
}
export type DivisionNames = ReturnType<typeof makeDivisionNames>;

export async function placeNameView(row: PlaceNameRow, names: DivisionNames): Promise<PlaceNameView> {
  return placeNameViewOf(row, await names(row.division_code));
}

/** A name as the public search lists it, its division's name given (the list's columns only are read). */
export function placeNameListItemOf(
  row: Pick<PlaceNameRow, 'id' | 'name' | 'pinyin' | 'category' | 'division_code'>,
  divisionName: string,
): PlaceNameListItem {
  return {
    id: row.id,
    name: row.name,
    pinyin: row.pinyin,
    category: row.category,
    categoryLabel: PLACE_NAME_CATEGORY_LABELS[row.category],
    divisionCode: row.division_code,
    divisionName,
  };
}

/** A name's view, its division's name given (the columns of VIEW_COLUMNS only are read). */
export function placeNameViewOf(row: PlaceNameRow, divisionName: string): PlaceNameView {
  return {
    ...placeNameListItemOf(row, divisionName),
    location: row.location,
    lng: row.lng,
    lat: row.lat,
    meaning: row.meaning,
    history: row.history,
    approvalBody: row.approval_body,
    approvalDate: row.approval_date,
    status: row.status,
    formerName: row.former_name,
  };
}

export async function announcementView(row: AnnouncementRow, names: DivisionNames): Promise<PlaceNameAnnouncementView> {
  return {
    id: row.id,
    action: row.action,
    actionLabel: PLACE_NAME_ACTION_LABELS[row.action],
    placeNameId: row.place_name_id,
    name: row.name,
    pinyin: row.pinyin,
    formerName: row.former_name,
    category: row.category,
    categoryLabel: PLACE_NAME_CATEGORY_LABELS[row.category],
    divisionCode: row.division_code,
    divisionName: await names(row.division_code),
    location: row.location,
    approvalBody: row.approval_body,
    approvalDate: row.approval_date,
    publishedAt: new Date(row.published_at).toISOString(),
  };
}

/** Every prefix a record at `code` lies under: 110101001 → 11, 1101, 110101, 110101001. */
export function prefixesOf(code: string): string[] {
  const own = divisionPrefix(code);
  return [2, 4, 6, 9, 12].filter((n) => n <= own.length).map((n) => own.slice(0, n));
}

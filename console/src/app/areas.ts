import { canUse } from './roles';
import type { AreaManifest, AreaRoute, MenuEntry, StaffRole } from './types';

/**
 * Every area's manifest, found by the bundler: adding console/src/areas/<area>/manifest.tsx is
 * all it takes for an area to appear (its pages are separate chunks, loaded when opened).
 */
const found = import.meta.glob<{ default: AreaManifest }>('../areas/*/manifest.tsx', { eager: true });

export const AREAS: AreaManifest[] = Object.values(found)
  .map((m) => m.default)
  .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));

export interface ResolvedRoute extends AreaRoute {
  area: AreaManifest;
  roles: StaffRole[];
}

export const ROUTES: ResolvedRoute[] = AREAS.flatMap((area) =>
  area.routes.map((r) => ({ ...r, area, roles: r.roles ?? area.roles })),
);

/** The areas and entries this account may use; an entry it cannot use is not shown. */
export function menuFor(held: StaffRole[]): { area: AreaManifest; entries: MenuEntry[] }[] {
  return AREAS.filter((a) => canUse(held, a.roles))
    .map((area) => ({ area, entries: area.menu.filter((e) => canUse(held, e.roles ?? area.roles)) }))
    .filter((g) => g.entries.length > 0);
}

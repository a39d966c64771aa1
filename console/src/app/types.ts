import type { StaffRole } from '@minzheng/contracts';
import type { ComponentType, ReactNode } from 'react';

// Roles and their Chinese names live once, in the contracts the server shares.
export type { StaffRole } from '@minzheng/contracts';

/** The signed-in account as the server describes it (GET /api/staff/me, POST /api/staff/login). */
export interface Staff {
  id: number;
  username: string;
  displayName?: string;
  roles: StaffRole[];
  scope: { divisions: string[]; halls: number[] };
  /** Set by the server when a reset or first password must be replaced before anything else. */
  mustChangePassword?: boolean;
}

/** A page of an area, loaded only when first opened (its code is a chunk of its own). */
export interface AreaRoute {
  /** Relative to /console/, e.g. 'halls/:hallId/desk'. */
  path: string;
  page: () => Promise<{ default: ComponentType }>;
  /** Who may open it; defaults to the area's roles. Others get 未找到 (and the server a 404/403). */
  roles?: StaffRole[];
  /** Outside the frame and without a staff sign-in (the hall's TV display). */
  bare?: boolean;
}

export interface MenuEntry {
  /** Relative to /console/. */
  path: string;
  label: string;
  icon?: ReactNode;
  /** Defaults to the area's roles; an entry the account cannot use is not shown. */
  roles?: StaffRole[];
}

/**
 * What an area (console/src/areas/<area>/manifest.tsx) adds to the console: its pages, its menu
 * entries, and who may use them. The frame finds every manifest by itself.
 */
export interface AreaManifest {
  key: string;
  /** The menu group's title; a single entry is shown without a group. */
  label: string;
  icon?: ReactNode;
  /** Who may use the area; [] means every signed-in account. */
  roles: StaffRole[];
  /** Lower first in the menu. */
  order: number;
  menu: MenuEntry[];
  routes: AreaRoute[];
  /** A line on the 首页 card of the area. */
  summary?: string;
}

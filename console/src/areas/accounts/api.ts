import { api } from '../../app/api';
import type { StaffRole } from '../../app/types';

/** Staff accounts as the administrator manages them (server: modules/staff). */
export interface StaffAccount {
  id: number;
  username: string;
  displayName: string;
  roles: StaffRole[];
  scope: { divisions: string[]; halls: number[] };
  locked: boolean;
  disabled: boolean;
  mustChangePassword?: boolean;
}

export interface NewAccount {
  username: string;
  displayName: string;
  roles: StaffRole[];
  scope: { divisions: string[]; halls: number[] };
}
export type AccountChanges = Partial<Pick<NewAccount, 'displayName' | 'roles' | 'scope'>>;

/** A generated password is shown once, to be handed over; the account must change it at first sign-in. */
export interface WithOneTimePassword {
  staff: StaffAccount;
  oneTimePassword?: string;
}

const base = '/api/staff/accounts';
export const accountsApi = {
  list: () => api<{ items: StaffAccount[] }>(base),
  create: (input: NewAccount) => api<WithOneTimePassword>(base, { method: 'POST', body: input }),
  update: (id: number, changes: AccountChanges) =>
    api<{ staff: StaffAccount }>(`${base}/${id}`, { method: 'PATCH', body: changes }),
  disable: (id: number) => api<{ staff: StaffAccount }>(`${base}/${id}/disable`, { method: 'POST' }),
  enable: (id: number) => api<{ staff: StaffAccount }>(`${base}/${id}/enable`, { method: 'POST' }),
  unlock: (id: number) => api<{ staff: StaffAccount }>(`${base}/${id}/unlock`, { method: 'POST' }),
  resetPassword: (id: number) => api<WithOneTimePassword>(`${base}/${id}/reset-password`, { method: 'POST' }),
};

export const accountKeys = { list: ['staff-accounts'] as const };

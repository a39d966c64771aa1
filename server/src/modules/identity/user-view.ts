import type { PiiCrypto } from '../../platform/crypto';
import { maskIdNumber, maskName, maskPhone } from './id-number';
import type { UserRow } from './models';

/** The columns a view is made of. */
type ViewedUser = Pick<
  UserRow,
  'id' | 'openid' | 'name_enc' | 'id_number_enc' | 'phone_enc' | 'real_named_at' | 'phone_bound_at'
>;

/** The only shape a user leaves the server in: every personal field masked. */
export interface UserView {
  id: number;
  openidMasked: string;
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  realNamed: boolean;
  phoneBound: boolean;
}

export function toUserView(u: ViewedUser, pii: PiiCrypto): UserView {
  return {
    id: u.id,
    openidMasked: `${u.openid.slice(0, 4)}****${u.openid.slice(-4)}`,
    name: u.name_enc ? maskName(pii.decrypt(u.name_enc)) : null,
    idNumber: u.id_number_enc ? maskIdNumber(pii.decrypt(u.id_number_enc)) : null,
    phone: u.phone_enc ? maskPhone(pii.decrypt(u.phone_enc)) : null,
    realNamed: Boolean(u.real_named_at),
    phoneBound: Boolean(u.phone_bound_at),
  };
}

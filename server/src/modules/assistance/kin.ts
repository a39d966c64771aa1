import { Op, UniqueConstraintError } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { maskIdNumber, maskName } from '../identity';
import type { AssistanceDeps } from './deps';

export const KIN_MARK = 'kin';

/**
 * 近亲属备案 (against 人情保 / 关系保): a staff member registers their close relatives once; any
 * application whose household names one of them is marked 近亲属 for its whole life and goes
 * through a county-level home visit (县级入户核查) before the county may approve it.
 */
export function makeKinRegister(deps: AssistanceDeps) {
  const { p, models } = deps;
  return {
    async register(staff: StaffPrincipal, input: { name: string; idNumber: string; relation: string }) {
      const hash = p.pii.hash(input.idNumber);
      try {
        await p.db.transaction(async (transaction) => {
          await models.Kin.create(
            {
              staff_id: staff.id,
              relation: input.relation,
              name_enc: p.pii.encrypt(input.name),
              id_number_enc: p.pii.encrypt(input.idNumber),
              id_number_hash: hash,
              created_at: p.clock.date(),
            },
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'assistance.kin.register',
              target: { type: 'staff', id: staff.id },
            },
            transaction,
          );
        });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw conflict('KIN_REGISTERED', '该亲属已备案');
        throw err;
      }
      return this.mine(staff);
    },
    async mine(staff: StaffPrincipal) {
      const rows = await models.Kin.findAll({ where: { staff_id: staff.id }, order: [['id', 'ASC']] });
      return {
        items: rows.map((r) => ({
          name: maskName(p.pii.decrypt(r.name_enc)),
          idNumber: maskIdNumber(p.pii.decrypt(r.id_number_enc)),
          relation: r.relation,
          registeredAt: r.created_at,
        })),
      };
    },
    /** Whether any of these keyed hashes belongs to a registered relative of staff. */
    async anyRegistered(hashes: string[]): Promise<boolean> {
      return (await models.Kin.count({ where: { id_number_hash: { [Op.in]: hashes } } })) > 0;
    },
  };
}

export type KinRegister = ReturnType<typeof makeKinRegister>;

import { randomInt } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { z } from 'zod';
import type { HuiminWaiver } from '@minzheng/contracts';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { Platform } from '../../platform/platform';
import { maskName } from '../identity';
import { billClaimedError, billNotFoundError, feeNotListedError, notAFuneralHomeError } from './errors';
import type { BillLineRow, BillRow, FuneralModels } from './models';
import type { Places } from './places';
import type { billBody, chargesBody } from './schemas';
import { billView } from './views';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const randomCode = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

type Charges = z.infer<typeof chargesBody>['charges'];

/**
 * The fee list as code: staff of a funeral home record a family's charges, each naming an item of
 * the home's published list (its name, class and price are taken from the list, never from the
 * request); an item not on the list refuses the whole request and records nothing. The family
 * opens the bill with its number and the claim code printed on it (or its QR), and it is theirs.
 */
export function makeBills(p: Platform, m: FuneralModels, places: Places) {
  async function billRow(billNo: string, transaction?: Transaction) {
    const row = await m.Bill.findOne({ where: { bill_no: billNo }, transaction });
    if (!row) throw billNotFoundError();
    return row;
  }
  async function view(bill: BillRow, transaction?: Transaction) {
    const place = await places.activePlace(bill.place_id);
    const lines = await m.BillLine.findAll({ where: { bill_id: bill.id }, order: [['id', 'ASC']], transaction });
    return billView(
      bill,
      place,
      lines.map((l) => l.get({ plain: true }) as BillLineRow),
    );
  }
  /** Every charge checked against the published list before anything is written. */
  async function priced(placeId: number, charges: Charges, transaction: Transaction) {
    const items = await m.FeeItem.findAll({ where: { place_id: placeId, active: true }, transaction });
    const byCode = new Map(items.map((i) => [i.code, i]));
    return charges.map((c) => {
      const item = byCode.get(c.itemCode);
      if (!item) throw feeNotListedError(c.itemCode);
      return { item, quantity: c.quantity };
    });
  }
  async function record(staff: StaffPrincipal, bill: BillRow, charges: Charges, transaction: Transaction) {
    const lines = await priced(bill.place_id, charges, transaction);
    await m.BillLine.bulkCreate(
      lines.map(({ item, quantity }) => ({
        bill_id: bill.id,
        item_code: item.code,
        name: item.name,
        fee_class: item.fee_class,
        unit: item.unit,
        unit_price_cents: item.price_cents,
        quantity,
        waivers: item.waivers,
        created_by: staff.id,
        created_at: p.clock.date(),
      })),
      { transaction },
    );
    await p.audit.record(
      {
        actor: { type: 'staff', id: staff.id },
        action: 'funeral.bill.charge',
        target: { type: 'funeral_bill', id: bill.bill_no },
        detail: { charges: lines.map(({ item, quantity }) => ({ code: item.code, quantity })) },
      },
      transaction,
    );
  }
  async function staffBill(staff: StaffPrincipal, billNo: string, transaction?: Transaction) {
    const bill = await billRow(billNo, transaction);
    assertDivision(staff, bill.division_code, '账单');
    return bill;
  }

  return {
    async open(staff: StaffPrincipal, input: z.infer<typeof billBody>) {
      const place = await places.activePlace(input.placeId);
      assertDivision(staff, place.division_code, '殡仪馆');
      if (place.kind !== 'funeral_home') throw notAFuneralHomeError();
      const claimCode = randomCode(8);
      const bill = await p.db.transaction(async (transaction) => {
        const created = await m.Bill.create(
          {
            bill_no: `BZ${p.clock.today().replaceAll('-', '')}${randomCode(6)}`,
            place_id: place.id,
            division_code: place.division_code,
            deceased_name_enc: p.pii.encrypt(input.deceasedName),
            deceased_name_masked: maskName(input.deceasedName),
            waivers: [...new Set(input.waivers)] as HuiminWaiver[],
            claim_code_hash: p.pii.hash(`funeral-bill:${claimCode}`),
            family_user_id: null,
            issued_on: p.clock.today(),
            created_by: staff.id,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'funeral.bill.open',
            target: { type: 'funeral_bill', id: created.bill_no },
            detail: { placeId: place.id, waivers: created.waivers },
          },
          transaction,
        );
        if (input.charges.length) await record(staff, created, input.charges, transaction);
        return created;
      });
      return { bill: await view(bill), claimCode };
    },
    async charge(staff: StaffPrincipal, billNo: string, charges: Charges) {
      const bill = await p.db.transaction(async (transaction) => {
        const row = await staffBill(staff, billNo, transaction);
        await record(staff, row, charges, transaction);
        return row;
      });
      return { bill: await view(bill) };
    },
    async forStaff(staff: StaffPrincipal, billNo: string) {
      const bill = await staffBill(staff, billNo);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'funeral.bill.read',
        target: { type: 'funeral_bill', id: billNo },
      });
      return { bill: await view(bill) };
    },
    /** The family opens the bill with its claim code; from then on it is theirs (我的账单). */
    async claim(userId: number, billNo: string, code: string) {
      await enforceRateLimit(p.cache, `funeral-claim:${userId}`, 20, 3600_000, '查询次数过多，请一小时后再试');
      const bill = await m.Bill.findOne({ where: { bill_no: billNo } });
      if (!bill || bill.claim_code_hash !== p.pii.hash(`funeral-bill:${code.toUpperCase()}`)) throw billNotFoundError();
      if (bill.family_user_id !== null && bill.family_user_id !== userId) throw billClaimedError();
      if (bill.family_user_id === null) {
        const [n] = await m.Bill.update({ family_user_id: userId }, { where: { id: bill.id, family_user_id: null } });
        if (n === 0) throw billClaimedError();
        bill.family_user_id = userId;
        await p.audit.record({
          actor: { type: 'citizen', id: userId },
          action: 'funeral.bill.claim',
          target: { type: 'funeral_bill', id: billNo },
        });
      }
      return { bill: await view(bill) };
    },
    async mine(userId: number) {
      const rows = await m.Bill.findAll({ where: { family_user_id: userId }, order: [['id', 'DESC']], limit: 50 });
      return { items: await Promise.all(rows.map((r) => view(r))) };
    },
    async forFamily(userId: number, billNo: string) {
      const bill = await m.Bill.findOne({ where: { bill_no: billNo, family_user_id: userId } });
      if (!bill) throw billNotFoundError();
      return { bill: await view(bill), place: await places.activePlace(bill.place_id) };
    },
  };
}
export type Bills = ReturnType<typeof makeBills>;

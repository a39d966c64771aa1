import {
  FEE_CLASSES,
  FEE_UNITS,
  type FeeItemView,
  FUNERAL_PLACE_KINDS,
  type FuneralBillView,
  type FuneralPlaceView,
  HUIMIN_WAIVERS,
  PRICE_COMPLAINT_LINE,
  pageLink,
} from '@minzheng/contracts';
import { applyWaivers } from './fees';
import type { BillLineRow, BillRow, FeeItemRow, PlaceRow } from './models';

export const placeView = (p: PlaceRow): FuneralPlaceView => ({
  id: p.id,
  kind: p.kind,
  kindName: FUNERAL_PLACE_KINDS[p.kind],
  name: p.name,
  divisionCode: p.division_code,
  address: p.address,
  phone: p.phone,
  hours: p.hours,
  services: p.services,
  priceComplaintLine: PRICE_COMPLAINT_LINE,
  waiverCaps: p.waiver_caps,
});

export const feeItemView = (i: FeeItemRow): FeeItemView => ({
  code: i.code,
  name: i.name,
  feeClass: i.fee_class,
  feeClassName: FEE_CLASSES[i.fee_class],
  unit: i.unit,
  unitName: FEE_UNITS[i.unit],
  priceCents: i.price_cents,
  legalBasis: i.legal_basis,
  waivers: i.waivers.map((w) => ({ kind: w.kind, name: HUIMIN_WAIVERS[w.kind], maxQuantity: w.maxQuantity })),
});

/** The itemized bill with the 惠民 waivers applied and 「您应付」. */
export function billView(bill: BillRow, place: PlaceRow, lines: BillLineRow[]): FuneralBillView {
  const priced = applyWaivers(
    lines.map((l) => ({ unitPriceCents: l.unit_price_cents, quantity: l.quantity, waivers: l.waivers })),
    bill.waivers,
    place.waiver_caps,
  );
  const sum = (k: 'amountCents' | 'waivedCents' | 'payableCents') => priced.reduce((s, p) => s + p[k], 0);
  return {
    billNo: bill.bill_no,
    place: { id: place.id, name: place.name, phone: place.phone, priceComplaintLine: PRICE_COMPLAINT_LINE },
    deceasedName: bill.deceased_name_masked,
    waivers: bill.waivers.map((kind) => ({ kind, name: HUIMIN_WAIVERS[kind] })),
    lines: lines.map((l, i) => ({
      lineNo: i + 1,
      itemCode: l.item_code,
      name: l.name,
      feeClass: l.fee_class,
      feeClassName: FEE_CLASSES[l.fee_class],
      unitName: FEE_UNITS[l.unit],
      unitPriceCents: l.unit_price_cents,
      quantity: l.quantity,
      ...priced[i],
    })),
    totalCents: sum('amountCents'),
    waivedCents: sum('waivedCents'),
    payableCents: sum('payableCents'),
    issuedOn: bill.issued_on,
    reportLink: pageLink('funeralBill', { billNo: bill.bill_no }),
  };
}

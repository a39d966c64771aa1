import type { HuiminWaiver } from '@minzheng/contracts';
import type { ItemWaiver } from './models';

export interface PricedLine {
  unitPriceCents: number;
  quantity: number;
  waivers: ItemWaiver[];
}

/**
 * The 惠民殡葬 arithmetic of a bill. Each line is waived by the one waiver (of those the deceased
 * qualifies for and the item lists) that waives it most, up to its unit limit (存放 3 天), and no
 * waiver kind waives more in total than the place's cap per deceased (雷州: 1540 元); lines are
 * taken in the order they were recorded. Waivers never stack on one line.
 */
export function applyWaivers(
  lines: PricedLine[],
  qualifies: HuiminWaiver[],
  caps: Partial<Record<HuiminWaiver, number>>,
): { amountCents: number; waivedCents: number; payableCents: number }[] {
  const left = new Map<HuiminWaiver, number>(
    qualifies.map((k) => [k, caps[k] ?? Number.POSITIVE_INFINITY] as [HuiminWaiver, number]),
  );
  return lines.map((line) => {
    const amountCents = line.unitPriceCents * line.quantity;
    let best: { kind: HuiminWaiver; cents: number } | null = null;
    for (const w of line.waivers) {
      const remaining = left.get(w.kind);
      if (remaining === undefined) continue;
      const units = w.maxQuantity === null ? line.quantity : Math.min(line.quantity, w.maxQuantity);
      const cents = Math.min(units * line.unitPriceCents, remaining);
      if (!best || cents > best.cents) best = { kind: w.kind, cents };
    }
    if (best) left.set(best.kind, (left.get(best.kind) ?? 0) - best.cents);
    const waivedCents = best?.cents ?? 0;
    return { amountCents, waivedCents, payableCents: amountCents - waivedCents };
  });
}

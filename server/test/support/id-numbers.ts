/** Appends the GB 11643 check character to 17 digits. */
export function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = w.reduce((acc, wi, i) => acc + wi * Number(first17[i]), 0);
  return first17 + '10X98765432'[s % 11];
}

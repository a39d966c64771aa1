/** Appends the GB 11643 check character to 17 digits. */
export function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = w.reduce((acc, wi, i) => acc + wi * Number(first17[i]), 0);
  return first17 + '10X98765432'[s % 11];
}

/** The same number with a check character that is wrong for it (never, by chance, the right one). */
export function withWrongCheckDigit(idNumber: string): string {
  return idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
}

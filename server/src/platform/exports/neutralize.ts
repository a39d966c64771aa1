/**
 * A text cell a spreadsheet program could take for a formula (`=`, `+`, `-`, `@`, or a tab or
 * carriage return before one) is written with a leading apostrophe, so it is shown as the text
 * it is and never evaluated: an organization named `=HYPERLINK(...)` or `=cmd|...` stays a name
 * (OWASP's CSV injection advice). Numbers and dates are written as numbers and dates.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

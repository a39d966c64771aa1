import ExcelJS from 'exceljs';
import { neutralize } from './neutralize';

export { neutralize } from './neutralize';

/** What a cell may hold; text is neutralized, the rest written as its type. */
export type ExportCell = string | number | boolean | Date | null | undefined;

export interface ExportSheet {
  name: string;
  /** A first line above the header, in large bold type. */
  title?: string;
  header: string[];
  rows: ExportCell[][];
  /** Column widths in characters. */
  widths?: number[];
}

const cell = (value: ExportCell): Exclude<ExportCell, string> | string =>
  typeof value === 'string' ? neutralize(value) : (value ?? null);

/**
 * The one way the server writes spreadsheets: every text cell of every export goes through
 * neutralize(), whatever module exports it.
 */
export async function writeXlsx(sheets: ExportSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '民政服务';
  for (const sheet of sheets) {
    // Excel refuses sheet names with []:*?/\ and longer than 31 characters.
    const worksheet = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
    if (sheet.title) worksheet.addRow([neutralize(sheet.title)]).font = { bold: true, size: 14 };
    worksheet.addRow(sheet.header.map(neutralize)).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row.map(cell));
    sheet.widths?.forEach((width, i) => {
      worksheet.getColumn(i + 1).width = width;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvField = (value: ExportCell): string => {
  const v = cell(value);
  const text = v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV as Excel opens it without asking: UTF-8 with a BOM, CRLF lines, RFC 4180 quoting. */
export function writeCsv(header: string[], rows: ExportCell[][]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

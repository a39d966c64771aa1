import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type CentralDirectoryFile, Open } from 'unzipper';
import { type AppError, badRequest } from '../errors';
import { sniff } from './sniff';

export interface TableLimits {
  /** Data rows allowed below the header; one more and reading stops at once. */
  maxRows: number;
  tooLarge?: (maxRows: number) => AppError;
}

export const tableTooLarge = (maxRows: number) =>
  badRequest('TABLE_TOO_LARGE', `表格超过${maxRows}行，请拆分后分批导入`);
const unsupported = (message: string) => badRequest('UNSUPPORTED_FILE', message);

/**
 * An uploaded spreadsheet — CSV (UTF-8, RFC 4180) or XLSX (its first sheet) — as rows of text
 * cells, the first being the header; blank rows dropped. Linear in the file's size (the XLSX
 * through exceljs' streaming reader, row by row) and bounded: the row past `maxRows` stops the
 * reading with a clear refusal, whatever the file still holds.
 */
export async function readTable(data: Buffer, { maxRows, tooLarge = tableTooLarge }: TableLimits): Promise<string[][]> {
  const rows: string[][] = [];
  const keep = (cells: string[]) => {
    if (!cells.some((c) => c.trim() !== '')) return;
    if (rows.length > maxRows) throw tooLarge(maxRows); // the header and maxRows rows are in
    rows.push(cells);
  };
  if (sniff(data) === 'zip') await readXlsx(data, keep);
  else readCsv(data, keep);
  return rows;
}

function readCsv(data: Buffer, keep: (cells: string[]) => void) {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw unsupported('文件应为 UTF-8 编码的 CSV 或 XLSX 表格');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      keep(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw unsupported('CSV 文件格式不正确：引号未闭合');
  if (cell !== '' || row.length) {
    row.push(cell);
    keep(row);
  }
}

async function readXlsx(data: Buffer, keep: (cells: string[]) => void) {
  try {
    const reader = await DirectoryReader.of(data);
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based and sparse: cell i of the row sits at index i.
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        keep(cells);
      }
      break; // the first sheet only
    }
  } catch (err) {
    if ((err as AppError)?.name === 'AppError') throw err;
    throw unsupported('XLSX 文件无法读取，请另存为 Excel 工作簿后重试');
  }
}

/** The parts of exceljs' streaming reader (4.4) that DirectoryReader drives itself. */
interface StreamingReaderParts {
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(rows: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
}
const StreamingReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: unknown,
  options: object,
) => StreamingReaderParts & AsyncIterable<unknown>;

/**
 * exceljs' streaming reader, fed through the archive's central directory. Its own parse() reads
 * the zip in one pass, in stored order; Excel and ExcelJS store the sheets before the shared strings
 * and workbook.xml, so it parks each sheet in a temp file and, on Node ≥ 18, sometimes loses the
 * last entry — a good workbook then fails (exceljs#3064; in our CI, a 400 on a valid import). Here
 * the parts a sheet needs are read first, by name, then the sheets in their order, each still
 * row by row. The file is already in memory (uploads are bounded), so nothing is lost by opening
 * it whole.
 */
class DirectoryReader extends StreamingReader {
  private constructor(private readonly files: Map<string, CentralDirectoryFile>) {
    super(null, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache', // dates are told apart from numbers by their style
      entries: 'ignore',
    });
  }

  static async of(data: Buffer) {
    const { files } = await Open.buffer(data);
    return new DirectoryReader(new Map(files.filter((f) => f.type === 'File').map((f) => [f.path, f])));
  }

  private open(path: string): Readable | undefined {
    const file = this.files.get(path);
    if (!file) return undefined;
    const inflated = new PassThrough();
    const source = file.stream();
    source.on('error', (err) => inflated.destroy(err));
    return source.pipe(inflated);
  }

  async *parse() {
    const rels = this.open('xl/_rels/workbook.xml.rels');
    if (rels) await this._parseRels(rels);
    const workbook = this.open('xl/workbook.xml');
    if (!workbook) throw new Error('not a workbook: xl/workbook.xml is missing');
    await this._parseWorkbook(workbook);
    const strings = this.open('xl/sharedStrings.xml');
    if (strings) yield* this._parseSharedStrings(strings);
    else this.sharedStrings = [];
    const styles = this.open('xl/styles.xml');
    if (styles) await this._parseStyles(styles);
    const sheets = [...this.files.keys()]
      .map((path) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    for (const [path, sheetNo] of sheets) yield* this._parseWorksheet(this.open(path)!, sheetNo);
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

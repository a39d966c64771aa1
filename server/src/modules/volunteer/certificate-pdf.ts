import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * The font the certificate is set in: a subset of 文泉驿微米黑 (WenQuanYi Micro Hei, Apache-2.0,
 * see assets/WQY-LICENSE.md) with the 6,763 characters of GB 2312, ASCII and the usual Chinese
 * punctuation (1.2 MB) — committed, so a PDF never depends on the fonts a machine has. A name or
 * title with a character outside it (e.g. 喆, 堃) is set in the whole system 文泉驿微米黑 when the
 * machine has it (fonts-wqy-microhei); without it that character would show as a blank box,
 * and the rest of the certificate stays correct.
 */
const BUNDLED_FONT = join(__dirname, 'assets', 'wqy-microhei-gb2312.ttf');
const SYSTEM_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

let bundled: Buffer | undefined;
let covered: Set<number> | undefined;

function bundledFont() {
  if (!bundled) {
    bundled = readFileSync(BUNDLED_FONT);
    // The characters the subset has, read from its own cmap through the PDF library's font.
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('probe', bundled);
    probe.font('probe');
    const font = (probe as unknown as { _font: { font: { characterSet: number[] } } })._font.font;
    covered = new Set(font.characterSet);
  }
  return bundled;
}

/** Whether every character of `text` has a glyph in the bundled subset. */
export function bundledFontCovers(text: string): boolean {
  bundledFont();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x20 && !covered!.has(cp)) return false;
  }
  return true;
}

export interface CertificatePdfInput {
  /** The full name: the PDF is for the volunteer themself. */
  name: string;
  revoked: boolean;
  verifyUrl: string;
  content: {
    number: string;
    issuedOn: string;
    volunteer: { idType: string; idNumber: string; volunteerNumber: string };
    service: {
      totalHours: number;
      manualHours: number;
      entries: { activity: string; date: string; hours: number; kind: string; manual: boolean }[];
    };
    issuer: { name: string; contact: string; handler: string };
    purpose: string;
  };
  signature: string;
}

const kindText = (e: { kind: string; manual: boolean }) =>
  e.manual ? '补录' : e.kind === 'correction' ? '更正' : '扫码记录';

/** 志愿服务记录证明 as an A4 PDF: the four blocks of 民发〔2015〕149号, the 补录 marks and a QR to /verify. */
export async function certificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { content: c } = input;
  const allText = [
    input.name,
    c.issuer.name,
    c.issuer.handler,
    c.purpose,
    ...c.service.entries.map((e) => e.activity),
  ].join('');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `志愿服务记录证明 ${c.number}`, Author: c.issuer.name, Subject: '志愿服务记录证明' },
  });
  if (bundledFontCovers(allText) || !existsSync(SYSTEM_FONT)) doc.registerFont('cjk', bundledFont());
  else doc.registerFont('cjk', SYSTEM_FONT, 'WenQuanYiMicroHei');
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.fontSize(22).text('志愿服务记录证明', { align: 'center' });
  doc.moveDown(0.3);
  doc.fontSize(10).fillColor('#555').text(`证明编号：${c.number}`, { align: 'center' });
  doc.fillColor('#000').moveDown(1);

  const line = (label: string, value: string) => {
    doc.fontSize(12).text(`${label}：`, { continued: true }).text(value);
    doc.moveDown(0.25);
  };
  doc.fontSize(13).text('一、志愿者信息');
  doc.moveDown(0.3);
  line('姓名', input.name);
  line('证件类型及号码', `${c.volunteer.idType} ${c.volunteer.idNumber}`);
  line('志愿者编号', c.volunteer.volunteerNumber);
  doc.moveDown(0.5);
  doc.fontSize(13).text('二、志愿服务情况');
  doc.moveDown(0.3);
  line(
    '累计服务时长',
    `${c.service.totalHours} 小时${c.service.manualHours > 0 ? `（其中补录 ${c.service.manualHours} 小时）` : ''}`,
  );
  // The entries, one row each; 补录 stands out.
  const cols = [90, width - 90 - 80 - 80, 80, 80];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = left;
    let bottom = y;
    cells.forEach((text, i) => {
      doc.fontSize(bold ? 11 : 10).fillColor(cells[3] === '补录' && i === 3 ? '#b00' : '#000');
      doc.text(text, x + 2, y, { width: cols[i] - 4 });
      bottom = Math.max(bottom, doc.y);
      x += cols[i];
    });
    doc.fillColor('#000');
    doc.y = bottom + 4;
    doc
      .moveTo(left, doc.y - 2)
      .lineTo(left + width, doc.y - 2)
      .strokeColor('#ccc')
      .stroke();
    doc.x = left;
  };
  row(['日期', '服务内容（活动）', '时长（小时）', '记录方式'], true);
  for (const e of c.service.entries) {
    if (doc.y > doc.page.height - 200) doc.addPage();
    row([e.date, e.activity, String(e.hours), kindText(e)]);
  }
  doc.moveDown(0.8);
  doc.fontSize(13).text('三、出具组织');
  doc.moveDown(0.3);
  line('组织名称', c.issuer.name);
  line('联系方式', c.issuer.contact);
  line('经办人', c.issuer.handler);
  doc.moveDown(0.5);
  doc.fontSize(13).text('四、证明信息');
  doc.moveDown(0.3);
  line('证明编号', c.number);
  line('开具日期', c.issuedOn);
  line('用途', c.purpose);
  doc.moveDown(0.5);

  if (doc.y > doc.page.height - 190) doc.addPage();
  const qr = await QRCode.toBuffer(input.verifyUrl, { type: 'png', margin: 1, width: 240 });
  const qrTop = doc.y;
  doc.image(qr, left, qrTop, { width: 110 });
  doc
    .fontSize(9)
    .fillColor('#333')
    .text(
      `扫描二维码或访问 ${input.verifyUrl} 查验本证明是否有效。本证明的内容经 Ed25519 数字签名，可用公布的公钥离线核验。本证明免费开具。`,
      left + 124,
      qrTop,
      { width: width - 124 },
    );
  doc
    .moveDown(0.3)
    .fontSize(7)
    .fillColor('#777')
    .text(`签名：${input.signature.replace(/(.{64})/g, '$1 ')}`, { width: width - 124 });
  doc.fillColor('#000');
  if (input.revoked) {
    doc.save();
    doc.rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc
      .fontSize(96)
      .fillColor('#d00', 0.25)
      .text('已撤销', 0, doc.page.height / 2 - 60, { width: doc.page.width, align: 'center' });
    doc.restore();
  }
  doc.end();
  return done;
}

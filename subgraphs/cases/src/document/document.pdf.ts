import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { serviceUnavailable } from '@doudi/shared';

/**
 * The regulations' letters laid out as PDF (docs/documents.md): A4, the margins of a 公文 (37 mm top, 28 mm left,
 * 35 mm bottom, 26 mm right), a CJK serif font embedded as a subset (pdfkit embeds only the glyphs used).
 */

/** The font the letters are set in: a fontconfig pattern, or a file (`/path/font.ttc#PostScriptName` for a collection). */
export const DOCUMENT_FONT_VARIABLE = 'DOCUMENT_FONT';
export const DEFAULT_FONT_PATTERN = 'Noto Serif CJK SC';

export interface ResolvedFont {
  file: string;
  /** The face of a collection (.ttc), e.g. NotoSerifCJKsc-Regular; null for a single-face file. */
  postscriptName: string | null;
  data: Buffer;
}

const resolved = new Map<string, ResolvedFont>();

function missingFont(detail: string): Error {
  return serviceUnavailable(
    'cases',
    `Letters cannot be generated: no font with Chinese characters was found (${detail}). Install fonts-noto-cjk ` +
      `or set ${DOCUMENT_FONT_VARIABLE} to a CJK font file`,
  );
}

function locate(setting: string): { file: string; postscriptName: string | null } {
  if (setting.includes('/')) {
    const [file, name] = setting.split('#');
    return { file, postscriptName: name || null };
  }
  let answer: string;
  try {
    answer = execFileSync('fc-match', ['-f', '%{file}\n%{postscriptname}', setting], {
      encoding: 'utf8',
      timeout: 5_000,
    });
  } catch {
    throw missingFont('fontconfig’s fc-match is not installed');
  }
  const [file, name] = answer.split('\n');
  if (!file) throw missingFont(`fc-match found nothing for ${setting}`);
  return { file, postscriptName: /\.(ttc|otc)$/i.test(file) ? name || null : null };
}

/**
 * The letters' font: DOCUMENT_FONT or Noto Serif CJK SC through fontconfig. A font without Chinese characters (fc-match
 * falls back to one when none is installed) is refused: SERVICE_UNAVAILABLE naming fonts-noto-cjk, never a PDF of
 * empty boxes. Found once per process.
 */
export function documentFont(env: Record<string, string | undefined> = process.env): ResolvedFont {
  const setting = env[DOCUMENT_FONT_VARIABLE]?.trim() || DEFAULT_FONT_PATTERN;
  const known = resolved.get(setting);
  if (known) return known;
  const { file, postscriptName } = locate(setting);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    throw missingFont(`${setting} is not readable`);
  }
  const font = { file, postscriptName, data };
  const probe = new PDFDocument({ size: 'A4' });
  try {
    probe.registerFont('probe', data as never, postscriptName ?? undefined);
    probe.font('probe');
    const face = (probe as unknown as { _font: { font: { hasGlyphForCodePoint(c: number): boolean } } })._font.font;
    if (![...'民政救助〇'].every((c) => face.hasGlyphForCodePoint(c.codePointAt(0)!))) {
      throw missingFont(`${setting} resolves to ${file.split('/').pop()}, which has no Chinese characters`);
    }
  } catch (error) {
    if ((error as { extensions?: { code?: string } }).extensions?.code) throw error;
    throw missingFont(`${setting} could not be read as a font`);
  }
  resolved.set(setting, font);
  return font;
}

const DIGITS = '〇一二三四五六七八九';

/** 1–31 as a Chinese numeral: 十, 十一, 二十, 二十一, 三十一. */
function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** A date as official documents write it: 2026-11-28 → 二〇二六年十一月二十八日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${[...y].map((c) => DIGITS[Number(c)]).join('')}年${smallNumber(Number(m))}月${smallNumber(Number(d))}日`;
}

/** One letter as laid out: what every kind fills in (document.letters.ts). */
export interface LetterLayout {
  title: string;
  /** 文号; null for a record or an application. */
  number: string | null;
  /** 主送: "襄汾县公安局：" without the colon. */
  addressee: string | null;
  /** Paragraphs, each indented two characters. */
  body: string[];
  /** Rows of a form (走访记录, the family's members): label and text. */
  table?: { label: string; text: string }[];
  /** 落款: the issuing organisation, or the family's applicant. */
  signatory: string;
  /** The day of the letter, YYYY-MM-DD (written in Chinese). */
  date: string;
  /** Where the seal goes, if the letter is sealed (the seal itself is applied on paper or by an e-seal system). */
  sealNote?: string;
  /** 抄送. */
  copiesTo?: string[];
  /** A line under the title, e.g. a regulation's form number. */
  subtitle?: string;
}

const MM = 72 / 25.4;
const MARGINS = { top: 37 * MM, left: 28 * MM, bottom: 35 * MM, right: 26 * MM };

/** Lays a letter out as PDF, in the font given; resolves with the file's bytes. */
export function renderLetter(letter: LetterLayout, font: ResolvedFont, info: { subject: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    info: { Title: letter.title, Subject: info.subject, Creator: 'Doudi', Producer: 'Doudi' },
    // Fixed dates would make identical letters identical files; the creation date is the letter's own.
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.data as never, font.postscriptName ?? undefined);
  doc.font('cjk');
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const body = 14;

  doc.fontSize(20).text(letter.title, { align: 'center', width });
  if (letter.subtitle) doc.moveDown(0.2).fontSize(10).text(letter.subtitle, { align: 'center', width });
  if (letter.number) doc.moveDown(0.6).fontSize(body).text(letter.number, { align: 'center', width });
  doc.moveDown(1.2);
  if (letter.addressee) doc.fontSize(body).text(`${letter.addressee}：`, { width, lineGap: 6 });
  for (const paragraph of letter.body) {
    doc.fontSize(body).text(paragraph, { width, indent: body * 2, lineGap: 6, paragraphGap: 4 });
  }
  if (letter.table?.length) {
    doc.moveDown(0.5);
    const labelWidth = 90;
    for (const row of letter.table) {
      const y = doc.y;
      const textHeight = Math.max(
        doc.heightOfString(row.text, { width: width - labelWidth - 12 }),
        doc.heightOfString(row.label, { width: labelWidth - 8 }),
      );
      if (y + textHeight + 12 > doc.page.height - MARGINS.bottom) doc.addPage();
      const top = doc.y;
      doc.fontSize(12).text(row.label, MARGINS.left + 4, top + 4, { width: labelWidth - 8 });
      doc.text(row.text, MARGINS.left + labelWidth + 6, top + 4, { width: width - labelWidth - 12 });
      const bottom = top + textHeight + 8;
      doc.rect(MARGINS.left, top, labelWidth, bottom - top).stroke();
      doc.rect(MARGINS.left + labelWidth, top, width - labelWidth, bottom - top).stroke();
      doc.x = MARGINS.left;
      doc.y = bottom;
    }
    doc.fontSize(body);
  }
  doc.moveDown(2);
  const right = { width, align: 'right' as const };
  doc.fontSize(body).text(letter.signatory, MARGINS.left, doc.y, right);
  if (letter.sealNote) doc.fontSize(10).text(letter.sealNote, right).fontSize(body);
  doc.text(chineseDate(letter.date), right);
  if (letter.copiesTo?.length) {
    doc.moveDown(2);
    const y = doc.y;
    doc
      .moveTo(MARGINS.left, y)
      .lineTo(MARGINS.left + width, y)
      .stroke();
    doc
      .moveDown(0.3)
      .fontSize(12)
      .text(`抄送：${letter.copiesTo.join('，')}。`, MARGINS.left, doc.y, { width });
  }
  doc.end();
  return done;
}

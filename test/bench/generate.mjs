// Deterministic generators of realistic meeting records for the benchmark.
// Records follow record-format.md section 2 and use canonical catalog names,
// so a clean record is clean for every rule; a few corpus files carry a
// deliberate alias (warning) or unknown party (error), as real folders do.
// Everything is generated into os.tmpdir(), never into the repository.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** mulberry32: small, fast, reproducible. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
const pad = (n) => String(n).padStart(2, '0');

const ASEAN = ['Brunei Darussalam', 'Cambodia', 'Indonesia', 'Lao PDR', 'Malaysia', 'Myanmar', 'Philippines', 'Singapore', 'Thailand', 'Viet Nam'];
const DIALOGUE = ['Australia', 'Canada', 'China', 'European Union', 'India', 'Japan', 'Republic of Korea', 'New Zealand', 'Russia', 'United Kingdom', 'United States'];
const APT = ['China', 'Japan', 'Republic of Korea'];
const EAS = ['Australia', 'China', 'India', 'Japan', 'New Zealand', 'Republic of Korea', 'Russia', 'United States'];
/** An alias of each dialogue partner, as Vietnamese articles write it (non-canonical-name warning). */
const ALIAS = {
  Australia: 'Úc',
  Canada: 'Ca-na-đa',
  China: 'Trung Quốc',
  'European Union': 'EU',
  India: 'Ấn Độ',
  Japan: 'Nhật Bản',
  'Republic of Korea': 'Hàn Quốc',
  'New Zealand': 'Niu Di-lân',
  Russia: 'Nga',
  'United Kingdom': 'Vương quốc Anh',
  'United States': 'Hoa Kỳ',
};
const CITIES = [
  ['Vientiane', 'Lao PDR', 'National Convention Centre'],
  ['Singapore', 'Singapore', 'Shangri-La Hotel'],
  ['Jakarta', 'Indonesia', 'ASEAN Secretariat'],
  ['Hanoi', 'Viet Nam', 'National Convention Center'],
  ['Bangkok', 'Thailand', 'Queen Sirikit National Convention Center'],
  ['Manila', 'Philippines', 'Philippine International Convention Center'],
  ['Kuala Lumpur', 'Malaysia', 'Kuala Lumpur Convention Centre'],
  ['Phnom Penh', 'Cambodia', 'Sokha Hotel'],
];
const TOPICS = [
  'Hợp tác kinh tế và thương mại',
  'An ninh hàng hải ở Biển Đông',
  'Ứng phó với biến đổi khí hậu',
  'Phục hồi sau đại dịch COVID-19',
  'Kết nối cơ sở hạ tầng khu vực',
  'Chuyển đổi số và kinh tế số',
  'Giao lưu nhân dân và thanh niên',
  'Phát triển doanh nghiệp vừa, nhỏ và siêu nhỏ',
  'Hợp tác năng lượng sạch',
  'Quản lý nguồn nước sông Mê Công',
  'Tình hình bán đảo Triều Tiên',
  'Chống khủng bố và tội phạm xuyên quốc gia',
  'Energy security and the transition to renewables',
  'Regional supply chains and food security',
];
const OUTCOMES = [
  'Nhất trí tăng cường hợp tác trong các lĩnh vực ưu tiên',
  'Thông qua kế hoạch hành động giai đoạn tiếp theo',
  'Cam kết thúc đẩy thương mại và đầu tư',
  'Hoan nghênh việc nâng cấp quan hệ đối tác',
  'Agreed to review the work plan at the next meeting',
  'Welcomed the progress of the ASEAN Community Vision 2025',
];
const DOC_TYPES = ['declaration', 'joint-statement', 'statement', 'plan-of-action', 'work-plan', 'vision', 'agreement', 'roadmap', 'programme', 'report'];
const DOC_STATUS = ['adopted', 'signed', 'proposed', 'planned', 'under-negotiation', 'reviewed', 'implemented', 'noted'];
const HEADS = ['Pham Binh Minh', 'Vivian Balakrishnan', 'Retno Marsudi', 'Saifuddin Abdullah', 'Don Pramudwinai', 'Wang Yi', 'Kono Taro', 'Kang Kyung-wha', 'Sergey Lavrov', 'Marise Payne'];

/**
 * One record of about `lines` lines (never fewer than the ~40-line base).
 * Returns the text and the marks the benchmark needs:
 * - partner: line/character/name of a block-list item under `partners` (completion, hover);
 * - edit: line/character of the end of a topic in the middle of the record (where edits type).
 * `flaw`: undefined | 'alias' (warning: non-canonical-name) | 'unknown' (error: unknown-party).
 */
export function makeRecord(index, { lines = 50, flaw, seed = 1 } = {}) {
  const r = rng(seed * 1_000_003 + index);
  const kind = pick(r, ['plus-one', 'plus-one', 'apt', 'eas', 'amm']);
  const year = 2010 + Math.floor(r() * 15);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 27);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const endDate = `${year}-${pad(month)}-${pad(day + 1)}`;
  const [city, country, venue] = pick(r, CITIES);
  let mechanism;
  let level;
  let partners;
  let title;
  let titleEn;
  let series;
  if (kind === 'plus-one') {
    const partner = pick(r, DIALOGUE);
    mechanism = 'ASEAN+1';
    level = 'ministerial';
    partners = [partner];
    title = `Hội nghị Bộ trưởng Ngoại giao ASEAN - ${partner}`;
    titleEn = `ASEAN-${partner} Foreign Ministers' Meeting`;
    series = `AMM-${year - 1967}`;
  } else if (kind === 'apt') {
    mechanism = 'ASEAN+3';
    level = 'ministerial';
    partners = [...APT];
    title = 'Hội nghị Bộ trưởng Ngoại giao ASEAN+3';
    titleEn = 'ASEAN Plus Three Foreign Ministers’ Meeting';
    series = `AMM-${year - 1967}`;
  } else if (kind === 'eas') {
    mechanism = 'EAS';
    level = 'ministerial';
    partners = [...EAS];
    title = 'Hội nghị Bộ trưởng Ngoại giao Cấp cao Đông Á';
    titleEn = 'East Asia Summit Foreign Ministers’ Meeting';
    series = `AMM-${year - 1967}`;
  } else {
    mechanism = 'AMM';
    level = 'ministerial';
    partners = [pick(r, DIALOGUE)];
    title = `Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ ${year - 1967}`;
    titleEn = `${year - 1967}th ASEAN Foreign Ministers’ Meeting`;
    series = `AMM-${year - 1967}`;
  }
  // A flaw lands on the first partner, which is also the hover/completion target.
  const partnerValue = partners[0];
  if (flaw === 'alias') partners[0] = ALIAS[partnerValue];
  if (flaw === 'unknown') partners[0] = `${partnerValue.slice(0, -1)}x`;

  const out = [];
  const marks = {};
  const slug = mechanism.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  out.push('version: 1');
  out.push(`id: ${date}-${slug}-${index}`);
  out.push(`title: ${title}`);
  out.push(`title_en: ${titleEn}`);
  out.push(`mechanism: ${mechanism}`);
  out.push(`level: ${level}`);
  out.push(`series: ${series}`);
  out.push(`date: ${date}`);
  out.push(`end_date: ${endDate}`);
  out.push('format: in-person');
  out.push('location:');
  out.push(`  city: ${city}`);
  out.push(`  country: ${country}`);
  out.push(`  venue: ${venue}`);
  out.push(`chair: ${country}`);
  out.push('partners:');
  marks.partner = { line: out.length, character: 4, name: partners[0] };
  for (const p of partners) out.push(`  - ${p}`);
  // Small records (the 50-line case) keep to the essentials, as short real records do.
  const small = lines < 80;
  if (!small) {
    out.push('participants:');
    for (const p of [...ASEAN, partnerValue]) out.push(`  - ${p}`);
  }
  out.push('delegations:');
  for (let i = 0; i < (small ? 1 : 2); i++) {
    out.push(`  - party: ${i === 0 ? country : partnerValue}`);
    out.push(`    head: ${pick(r, HEADS)}`);
    out.push(`    role: ${i === 0 ? 'Chair, Minister for Foreign Affairs' : 'Minister for Foreign Affairs'}`);
  }
  const tail = [];
  tail.push('follow_up:');
  tail.push(`  - title: Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ ${year - 1966}`);
  tail.push(`    date: ${year + 1}-07`);
  tail.push('    mechanism: AMM');
  tail.push('source:');
  tail.push(`  url: https://example.org/news/${year}/${pad(month)}/${index}.html`);
  tail.push('  publisher: TTXVN');
  tail.push(`  published: ${endDate}`);
  tail.push('  language: vi');
  tail.push(`notes: Generated benchmark record ${index}.`);

  // Fill the middle (topics, documents, initiatives, outcomes) up to the size asked.
  const fixed = out.length + tail.length + 4;
  const budget = Math.max(0, lines - fixed);
  const topics = Math.max(2, Math.round(budget * 0.3));
  const docs = Math.max(1, Math.round((budget * 0.4) / 5));
  const initiatives = Math.max(1, Math.round((budget * 0.1) / 2));
  const outcomes = Math.max(1, budget - topics - docs * 5 - initiatives * 2);
  out.push('topics:');
  const editAt = Math.floor(topics / 2);
  for (let i = 0; i < topics; i++) {
    const text = `${pick(r, TOPICS)} (${i + 1})`;
    if (i === editAt) marks.edit = { line: out.length, character: 4 + text.length };
    out.push(`  - ${text}`);
  }
  out.push('documents:');
  for (let i = 0; i < docs; i++) {
    out.push(`  - title: ASEAN-${partnerValue} Plan of Action ${2000 + (i % 30)}-${2005 + (i % 30)} (${i + 1})`);
    out.push(`    type: ${pick(r, DOC_TYPES)}`);
    out.push(`    status: ${pick(r, DOC_STATUS)}`);
    out.push(`    period: ${2000 + (i % 30)}-${2005 + (i % 30)}`);
    out.push(`    parties: [${partnerValue}]`);
  }
  out.push('initiatives:');
  for (let i = 0; i < initiatives; i++) {
    out.push(`  - title: Sáng kiến hợp tác khu vực số ${i + 1}`);
    out.push(`    proposed_by: ${i % 2 ? partnerValue : country}`);
  }
  out.push('outcomes:');
  for (let i = 0; i < outcomes; i++) out.push(`  - ${pick(r, OUTCOMES)} (${i + 1})`);
  out.push(...tail);
  return { text: `${out.join('\n')}\n`, marks, lines: out.length };
}

/** `count` records of about `lines` lines each in one file, separated by `---`. Marks point into record `target`. */
export function makeMultiRecordFile(count, { lines = 50, target = Math.floor(count / 2), seed = 2 } = {}) {
  const parts = [];
  let lineOffset = 0;
  let marks;
  for (let i = 0; i < count; i++) {
    const rec = makeRecord(i, { lines, seed, flaw: i === target ? 'alias' : undefined });
    const header = i === 0 ? [] : ['---'];
    if (i === target) {
      const shiftBy = lineOffset + header.length;
      marks = {
        partner: { ...rec.marks.partner, line: rec.marks.partner.line + shiftBy },
        edit: { ...rec.marks.edit, line: rec.marks.edit.line + shiftBy },
      };
    }
    parts.push(...header, rec.text.replace(/\n$/, ''));
    lineOffset += header.length + rec.lines;
  }
  return { text: `${parts.join('\n')}\n`, marks, lines: lineOffset };
}

/** Flaws in a corpus: about 3% of files carry an alias (warning), 1% an unknown party (error). */
export function corpusFlaw(i) {
  if (i % 100 === 37) return 'unknown';
  if (i % 100 === 11 || i % 100 === 52 || i % 100 === 83) return 'alias';
  return undefined;
}

/**
 * Writes `count` record files of 45 to 80 lines into a fresh temp folder
 * (nested by 100s, as archives are), file i with the flaw `flaw(i)` (by
 * default corpusFlaw's 4%). Returns the folder and every record id.
 */
export function writeCorpus(count, { prefix = 'meeting-bench-', seed = 3, nested = true, flaw = corpusFlaw } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const ids = [];
  for (let i = 0; i < count; i++) {
    const sub = nested ? join(dir, `batch-${String(Math.floor(i / 100)).padStart(3, '0')}`) : dir;
    if (nested && i % 100 === 0) mkdirSync(sub, { recursive: true });
    const lines = 30 + ((i * 7919) % 51);
    const { text } = makeRecord(i, { lines, seed, flaw: flaw(i) });
    writeFileSync(join(sub, `record-${String(i).padStart(5, '0')}.meeting.yaml`), text);
    ids.push(/^id: (.+)$/m.exec(text)[1]);
  }
  return { dir, ids };
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

// Unit tests of the article drafter's extractors (dist/core.js), on sentences
// from the seed articles and from sentences written for these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const catalog = core.loadBundledCatalog();

const dates = (text) => core.findDates(text).map((d) => ({ quote: text.slice(d.start, d.end), day: d.day, month: d.month, year: d.year, endDay: d.endDay, endMonth: d.endMonth }));
const strip = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

test('dates: the forms Vietnamese news uses', () => {
  const cases = [
    ['Theo phóng viên TTXVN tại Lào, ngày 26/7, tiếp tục chương trình', { quote: 'ngày 26/7', day: 26, month: 7 }],
    ['chiều 2/8 diễn ra một loạt hội nghị', { quote: 'chiều 2/8', day: 2, month: 8 }],
    ['Chiều ngày 14/1 đã diễn ra Cuộc họp', { quote: 'Chiều ngày 14/1', day: 14, month: 1 }],
    ['đã diễn ra chiều nay, 14/1.', { quote: 'chiều nay, 14/1', day: 14, month: 1 }],
    ['Hội nghị diễn ra 21-23/7 tại Gia-các-ta', { quote: '21-23/7', day: 21, month: 7, endDay: 23, endMonth: 7 }],
    ['sẽ diễn ra từ ngày 24-27/7/2024 tại', { quote: 'từ ngày 24-27/7/2024', day: 24, month: 7, year: 2024, endDay: 27, endMonth: 7 }],
    ['Từ ngày 8 đến 11/7, đoàn đã', { quote: 'Từ ngày 8 đến 11/7', day: 8, month: 7, endDay: 11, endMonth: 7 }],
    ['từ ngày 31/7 đến 3/8 tại Băng Cốc', { quote: 'từ ngày 31/7 đến 3/8', day: 31, month: 7, endDay: 3, endMonth: 8 }],
    ['ký Hiệp định khung vào tháng Chín tại New York', { quote: 'tháng Chín', month: 9 }],
    ['Hội nghị Cấp cao ASEAN+3 lần thứ 21 vào tháng 11/2018.', { quote: 'tháng 11/2018', month: 11, year: 2018 }],
    ['Đại hội lần thứ 8 đã bế mạc ngày 13-1, thông qua', { quote: 'ngày 13-1', day: 13, month: 1 }],
    ['từ trần ngày 19/7/2024.', { quote: 'ngày 19/7/2024', day: 19, month: 7, year: 2024 }],
    ['vào ngày 21 tháng 7 năm 2016', { quote: 'ngày 21 tháng 7 năm 2016', day: 21, month: 7, year: 2016 }],
  ];
  for (const [text, expected] of cases) assert.deepEqual(dates(text).map(strip), [expected], text);
});

test('dates: numbers that are not dates are left alone', () => {
  for (const text of ['giai đoạn 2018-2022', 'Điện thoại: 0299.3822339', 'lên 1000 tỉ USD', 'ngày 31/2', 'Kế hoạch 2023-2027', 'tỉ lệ 3/40']) {
    assert.deepEqual(dates(text), [], text);
  }
});

function names(text) {
  const article = core.readArticle(`Tiêu đề\n${text}`);
  const found = new core.Gazetteer(catalog).find(article.text, article.tokens);
  const quote = (m) => article.text.slice(m.start, m.end);
  return {
    parties: found.parties.map((m) => [quote(m), m.entry.name]),
    mechanisms: found.mechanisms.map((m) => [quote(m), m.entry.name]),
    documents: found.documents.map((m) => [quote(m), m.entry.title]),
    places: found.places.map((m) => [quote(m), m.entry.name]),
  };
}

test('names: catalog names and aliases, accent- and dash-insensitive, longest first', () => {
  const found = names('các Hội nghị Bộ trưởng ASEAN 1 với Australia, Liên minh châu Âu (EU), Liên bang Nga và Vương quốc Anh tại thủ đô Viêng Chăn.');
  assert.deepEqual(found.parties, [['ASEAN', 'ASEAN'], ['Australia', 'Australia'], ['Liên minh châu Âu', 'European Union'], ['EU', 'European Union'], ['Liên bang Nga', 'Russia'], ['Vương quốc Anh', 'United Kingdom']]);
  assert.deepEqual(found.mechanisms, [['ASEAN 1', 'ASEAN+1']]);
  assert.deepEqual(found.places, [['Viêng Chăn', 'Vientiane']]);
});

test('names: the framework that ends last wins ("Bộ trưởng Ngoại giao ASEAN 3" is ASEAN+3, not the AMM)', () => {
  assert.deepEqual(names('Hội nghị Bộ trưởng Ngoại giao ASEAN 3 lần thứ 25 đã diễn ra.').mechanisms, [['ASEAN 3', 'ASEAN+3']]);
});

test('names: a one-syllable name inside a longer capitalised name is not matched', () => {
  assert.deepEqual(names('Thứ trưởng phụ trách khu vực Mỹ Latinh và Caribe.').parties, []);
  assert.deepEqual(names('Bà Nguyễn Thị Nga phát biểu.').parties, []);
  assert.deepEqual(names('Đại hội Đảng Lao động Triều Tiên bế mạc.').parties.map(([, n]) => n), ["Democratic People's Republic of Korea"]);
  assert.deepEqual(names('xung đột Nga-Ukraine, Trung Đông').parties, [['Nga', 'Russia']]);
  assert.deepEqual(names('Nga khẳng định coi trọng quan hệ với ASEAN.').parties, [['Nga', 'Russia'], ['ASEAN', 'ASEAN']]);
});

test('names: codes match only as written; lower-case words are not names', () => {
  assert.deepEqual(names('in ấn tài liệu, us and them').parties, []);
  assert.deepEqual(names('hợp tác song phương giữa hai nước').mechanisms, []);
});

test('names: a party inside a document title belongs to the document', () => {
  const found = names('thông qua Tuyên bố chung ASEAN-Anh về tăng cường kết nối.');
  assert.deepEqual(found.documents.map(([, t]) => t), ['ASEAN-UK Joint Ministerial Statement: Enhancing Connectivity for a Prosperous and Sustainable Future']);
  assert.deepEqual(found.parties, []);
});

function documents(text) {
  const article = core.readArticle(`Tiêu đề\n${text}`);
  const found = new core.Gazetteer(catalog).find(article.text, article.tokens);
  const sentence = article.sentences.find((s) => !s.skip);
  return core.findDocuments(sentence, found, article.text).map((d) => ({ title: d.title, type: d.type, status: d.status }));
}

test('documents: catalog titles with the status of their verb', () => {
  assert.deepEqual(documents('Các quan chức cao cấp ASEAN+3 tích cực ghi nhận kết quả triển khai Kế hoạch công tác ASEAN+3 giai đoạn 2018-2022.'), [
    { title: 'ASEAN Plus Three Cooperation Work Plan 2018-2022', type: 'work-plan', status: 'reviewed' },
  ]);
  assert.deepEqual(documents('Hai bên cũng nhất trí sẽ thông qua Tầm nhìn quan hệ Đối tác chiến lược đến 2030.'), [
    { title: 'ASEAN-China Strategic Partnership Vision 2030', type: 'vision', status: 'planned' },
  ]);
  assert.deepEqual(documents('nỗ lực khởi động đàm phán thực chất xây dựng Bộ Quy tắc ứng xử ở Biển Đông (COC).'), [
    { title: 'Code of Conduct in the South China Sea', type: 'code-of-conduct', status: 'under-negotiation' },
  ]);
});

test('documents: phrases headed by a document word, one per item of a list', () => {
  assert.deepEqual(documents('Các Bộ trưởng đã ký Hiệp định về thương mại dịch vụ ASEAN - Canada và thông qua Tuyên bố chung về hợp tác biển.'), [
    { title: 'Hiệp định về thương mại dịch vụ ASEAN - Canada', type: 'agreement', status: 'signed' },
    { title: 'Tuyên bố chung về hợp tác biển', type: 'joint-statement', status: 'adopted' },
  ]);
  assert.deepEqual(documents('Các nước cho ý kiến về dự thảo Tuyên bố của các Bộ trưởng về an ninh lương thực.'), [
    { title: 'Tuyên bố của các Bộ trưởng về an ninh lương thực', type: 'statement', status: 'proposed' },
  ]);
  assert.deepEqual(documents('hoàn tất rà soát các Hiệp định thương mại tự do (FTA) với các đối tác.'), []);
});

test('people and heads of delegation', () => {
  const article = core.readArticle('Tiêu đề\nThừa ủy quyền của Bộ trưởng Ngoại giao Bùi Thanh Sơn, Thứ trưởng Bộ Ngoại giao Đỗ Hùng Việt, Trưởng SOM ASEAN của Việt Nam, đã dẫn đầu đoàn Việt Nam tham dự các hội nghị này.');
  const found = new core.Gazetteer(catalog).find(article.text, article.tokens);
  const sentence = article.sentences.find((s) => !s.skip);
  const people = core.findPeople(sentence, article.tokens, found, article.text);
  assert.deepEqual(people.map((p) => p.name.text), ['Bùi Thanh Sơn', 'Đỗ Hùng Việt']);
  const heads = core.findHeads(sentence, people, found, article.text, new core.PartyRegistry());
  assert.deepEqual(heads.map((h) => [h.party.entry.name, h.person.name.text, h.person.role?.text]), [['Viet Nam', 'Đỗ Hùng Việt', 'Thứ trưởng Bộ Ngoại giao, Trưởng SOM ASEAN của Việt Nam']]);
});

test('co-chairs are heads of their delegations', () => {
  const article = core.readArticle('Tiêu đề\nThứ trưởng Ngoại giao Lê Văn Nam của Việt Nam và Bộ trưởng Ngoại giao Hàn Quốc Cho Tae Yul đã đồng chủ trì Hội nghị.');
  const found = new core.Gazetteer(catalog).find(article.text, article.tokens);
  const sentence = article.sentences.find((s) => !s.skip);
  const people = core.findPeople(sentence, article.tokens, found, article.text);
  const heads = core.findHeads(sentence, people, found, article.text, new core.PartyRegistry());
  assert.deepEqual(heads.map((h) => h.person.name.text), ['Lê Văn Nam', 'Cho Tae Yul']);
  assert.equal(heads[1].party.entry.name, 'Republic of Korea');
});

test('draft: every evidence quote is the article text at its offsets', () => {
  for (const dir of ['seeds/articles', 'test/fixtures/draft']) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = fs.readFileSync(`${dir}/${file}`, 'utf8');
      const { records, evidence } = core.draftRecords(text, catalog);
      assert.ok(records.length > 0, file);
      for (const e of evidence) {
        assert.equal(e.quote, text.slice(e.start, e.end), `${file} ${e.path}`);
        assert.ok(e.record >= 0 && e.record < records.length);
      }
    }
  }
});

test('draft: an article written for this test, with another meeting, date and partners', () => {
  const text = [
    'https://example.vn/asean-canada',
    'ASEAN và Canada nhất trí thúc đẩy đàm phán hiệp định thương mại tự do',
    'Sáng 6/9, tại thủ đô Gia-các-ta, In-đô-nê-xi-a, Hội nghị Cấp cao ASEAN - Canada đã diễn ra dưới sự chủ trì của In-đô-nê-xi-a, nước Chủ tịch ASEAN 2023.',
    'Thủ tướng Phạm Minh Chính dẫn đầu đoàn Việt Nam tham dự hội nghị.',
    'Các nhà lãnh đạo đã thông qua Tuyên bố chung về thiết lập quan hệ Đối tác chiến lược ASEAN - Canada.',
  ].join('\n');
  const { records, evidence } = core.draftRecords(text, catalog, { articleName: 'asean-canada.txt' });
  assert.equal(records.length, 1);
  const [r] = records;
  assert.equal(r.mechanism, 'ASEAN+1');
  assert.equal(r.level, 'summit');
  assert.equal(r.date, '2023-09-06');
  assert.deepEqual(r.location, { city: 'Jakarta', country: 'Indonesia' });
  assert.equal(r.chair, 'Indonesia');
  assert.deepEqual(r.partners, ['Canada']);
  assert.deepEqual(r.delegations.map((d) => [d.party, d.head]), [['Viet Nam', 'Phạm Minh Chính']]);
  assert.deepEqual(r.documents.map((d) => [d.type, d.status]), [['joint-statement', 'adopted']]);
  assert.equal(r.source.url, 'https://example.vn/asean-canada');
  assert.equal(r.source.article, 'asean-canada.txt');
  assert.ok(evidence.some((e) => e.path === 'partners[0]' && e.quote === 'Canada'));
});

test('draft: nothing is invented for an article about something else', () => {
  const { records } = core.draftRecords('Thời tiết\nNgày 5/6, trời mưa to ở Hà Nội; giá rau tăng.', catalog);
  assert.deepEqual(records, []);
});

// The CLI in Vietnamese (issue 17): --locale vi, or LC_ALL / LC_MESSAGES /
// LANG, over the rule fixtures. Codes, lines and columns are the same in both
// languages; only the words change, and English stays the default.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { FIXTURES, ROOT, runCli, runJson } from './helpers.mjs';

const RULES = path.relative(ROOT, path.join(FIXTURES, 'rules')).split(path.sep).join('/');
const file = (name) => `${RULES}/${name}`;

/** Diagnostics of one run, by file, without the messages. */
const places = (json) => json.map((f) => ({ file: f.file, diagnostics: f.diagnostics.map(({ message, ...rest }) => rest) }));

describe('validate --locale vi on the rule fixtures', () => {
  let en;
  let vi;
  let byFile;
  before(() => {
    en = runJson(['validate', RULES]);
    vi = runJson(['validate', RULES, '--locale', 'vi']);
    byFile = new Map(vi.json.map((f) => [f.file, f.diagnostics]));
  });
  const message = (name, code) => {
    const found = byFile.get(file(name)).filter((d) => d.code === code);
    assert.equal(found.length, 1, `${name}: ${JSON.stringify(byFile.get(file(name)))}`);
    return found[0].message;
  };

  test('the same codes, severities, places and exit status as in English; every message differs', () => {
    assert.equal(vi.code, en.code);
    assert.deepEqual(places(vi.json), places(en.json));
    const enMessages = en.json.flatMap((f) => f.diagnostics.map((d) => d.message));
    const viMessages = vi.json.flatMap((f) => f.diagnostics.map((d) => d.message));
    assert.equal(viMessages.length, enMessages.length);
    viMessages.forEach((m, i) => assert.notEqual(m, enMessages[i], `not translated: ${m}`));
  });

  test('one Vietnamese sentence per rule, naming parties as Vietnamese does', () => {
    assert.equal(message('date-order.meeting.yaml', 'date-order'), "'end_date' (2024-07-20) sớm hơn 'date' (2024-07-26)");
    assert.equal(message('duplicate-entry.meeting.yaml', 'duplicate-entry'), "'Trung Quốc' đã có trong 'partners' (mục 1)");
    assert.match(message('mechanism-membership.meeting.yaml', 'mechanism-membership'), /^'Ấn Độ' không phải là thành viên của ASEAN\+3 \(các thành viên ngoài ASEAN: Trung Quốc, Nhật Bản, Hàn Quốc\)$/);
    assert.equal(message('non-canonical-name.meeting.yaml', 'non-canonical-name'), "'Nhật Bản' là tên gọi khác: hãy ghi tên chuẩn 'Japan'");
    assert.match(message('series-year.meeting.yaml', 'series-year'), /^'AMM-57' được tổ chức từ 2024-07-24 đến 2024-07-27 tại .+, nhưng 'date' là 2023-07-26$/);
    assert.equal(message('unknown-mechanism.meeting.yaml', 'unknown-mechanism'), "Cơ chế 'ASEAN+9' không có trong danh mục (ý bạn là 'ASEAN+1' hoặc 'ASEAN+3'?)");
    assert.equal(message('unknown-party.meeting.yaml', 'unknown-party'), "Bên 'Japn' không có trong danh mục (ý bạn là 'Japan'?)");
  });

  test('English stays the default, and --locale en wins over a Vietnamese environment', () => {
    const plain = runJson(['validate', file('unknown-party.meeting.yaml')]);
    assert.match(plain.json[0].diagnostics[0].message, /^Unknown party 'Japn'/);
    const forced = runJson(['validate', file('unknown-party.meeting.yaml'), '--locale=en'], { env: { LANG: 'vi_VN.UTF-8' } });
    assert.match(forced.json[0].diagnostics[0].message, /^Unknown party 'Japn'/);
  });

  test('without --locale (or with --locale auto), LC_ALL, then LC_MESSAGES, then LANG decides', () => {
    const first = (env, extra = []) => runJson(['validate', file('unknown-party.meeting.yaml'), ...extra], { env }).json[0].diagnostics[0].message;
    assert.match(first({ LANG: 'vi_VN.UTF-8' }), /^Bên 'Japn'/);
    assert.match(first({ LC_MESSAGES: 'vi_VN', LANG: 'en_US.UTF-8' }), /^Bên 'Japn'/);
    assert.match(first({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'vi_VN', LANG: 'vi_VN' }), /^Unknown party/);
    assert.match(first({ LC_ALL: 'C.UTF-8', LANG: 'vi_VN' }), /^Unknown party/);
    assert.match(first({ LANG: 'vi' }, ['--locale', 'auto']), /^Bên 'Japn'/);
  });

  test('on worker threads too, and the cache keeps each language apart', () => {
    const threaded = runJson(['validate', RULES, '--locale', 'vi'], { env: { MEETING_RECORDS_THREADS: '3' } });
    assert.deepEqual(threaded.json, vi.json);
  });

  test('a --locale the CLI does not speak is a usage error, exit 2', () => {
    const run = runCli(['validate', RULES, '--locale', 'fr']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^meeting-records: option '--locale' needs one of en, vi or auto, not 'fr'/);
  });

  test('every format in Vietnamese: the stylish summary line, JUnit text, SARIF messages, rule descriptions and run.language; JSON keeps its fixed words', () => {
    const stylish = runCli(['validate', RULES, '--locale', 'vi']);
    assert.match(stylish.stdout, /^✖ \d+ vấn đề \(\d+ lỗi, \d+ cảnh báo\)$/m);
    assert.match(stylish.stdout, /^ {2}\d+:\d+ +cảnh báo +'Nhật Bản' là tên gọi khác/m);
    const clean = runCli(['validate', file('clean.meeting.yaml'), '--locale', 'vi']);
    assert.equal(clean.stdout, '✔ Đã kiểm tra 1 tệp, không có vấn đề\n');
    const sarif = JSON.parse(runCli(['validate', file('unknown-party.meeting.yaml'), '--locale', 'vi', '--format', 'sarif']).stdout);
    assert.equal(sarif.runs[0].language, 'vi');
    assert.equal(sarif.runs[0].results[0].ruleId, 'unknown-party');
    assert.match(sarif.runs[0].results[0].message.text, /^Bên 'Japn' không có trong danh mục/);
    assert.ok(sarif.runs[0].tool.driver.rules.every((r) => !/^[A-Z][a-z]+ [a-z]/.test(r.shortDescription.text) || /[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i.test(r.shortDescription.text)), 'every rule description is Vietnamese');
    const english = JSON.parse(runCli(['validate', file('unknown-party.meeting.yaml'), '--format', 'sarif']).stdout);
    assert.equal(english.runs[0].language, undefined, 'English is the default and needs no statement');
    const junit = runCli(['validate', file('unknown-party.meeting.yaml'), '--locale', 'vi', '--format', 'junit']).stdout;
    assert.match(junit, /:9:8 lỗi Bên 'Japn' không có trong danh mục .*\(unknown-party\)<\/failure>/);
    const json = runJson(['validate', file('unknown-party.meeting.yaml'), '--locale', 'vi']).json;
    assert.equal(json[0].diagnostics[0].severity, 'error');
    assert.equal(json[0].diagnostics[0].code, 'unknown-party');
  });

  test('help and usage errors in Vietnamese', () => {
    assert.match(runCli(['--help', '--locale', 'vi']).stdout, /^meeting-records — kiểm tra và kết xuất bản ghi YAML về các cuộc họp ASEAN/);
    assert.match(runCli(['validate', '--help', '--locale', 'vi']).stdout, /^Cách dùng: meeting-records validate/);
    assert.match(runCli(['validate', '--help', '--locale', 'vi']).stdout, /Mã quy tắc: yaml-syntax, schema,/);
    const bad = runCli(['validate', '--bogus', '--locale', 'vi']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, "meeting-records: không có tùy chọn '--bogus'; xem meeting-records validate --help\n");
    const command = runCli(['valdate', '--locale', 'vi']);
    assert.equal(command.stderr, "meeting-records: không có lệnh 'valdate' (ý bạn là 'validate'?); xem meeting-records --help\n");
  });
});

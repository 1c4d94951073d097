// Shared by both real-VS-Code suites (test/vscode-web and test/e2e): the
// scenario list, and the throw-away workspace they open. The workspace is a
// copy of test/fixtures/e2e-workspace plus the repository's seed records, so
// the tests can edit files freely and seeds are never duplicated in git.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(REPO, 'package.json'));

/** The scenario file, parsed. */
export const SCENARIOS = JSON.parse(readFileSync(join(REPO, 'test', 'e2e', 'scenarios.json'), 'utf8'));

export function scenario(id) {
  const s = SCENARIOS.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`scenario '${id}' is missing from test/e2e/scenarios.json`);
  return s;
}

const RECORD_FILE = /\.meeting\.ya?ml$/;

/** Every record file under `dir` (recursive), as absolute paths, sorted. */
export function recordFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...recordFiles(p));
    else if (RECORD_FILE.test(name)) out.push(p);
  }
  return out.sort();
}

/**
 * Makes a fresh workspace folder: the fixture plus `seeds/records` under
 * `seeds/` and the seed articles under `articles/`. Returns its path and the
 * number of seed record files copied.
 */
export function prepareWorkspace({ parent } = {}) {
  const { fixture, seedRecords, seedsInto, seedArticles, articlesInto } = SCENARIOS.workspace;
  const root = mkdtempSync(join(parent ?? tmpdir(), 'meeting-records-e2e-'));
  const dir = join(root, 'workspace');
  cpSync(join(REPO, fixture), dir, { recursive: true });
  const seedSrc = join(REPO, seedRecords);
  const seeds = recordFiles(seedSrc);
  if (existsSync(seedSrc)) cpSync(seedSrc, join(dir, seedsInto), { recursive: true });
  if (existsSync(join(REPO, seedArticles))) cpSync(join(REPO, seedArticles), join(dir, articlesInto), { recursive: true });
  return { root, dir, seedCount: seeds.length };
}

/** The records (one per YAML document) in the given workspace folders. */
export function recordsIn(workspaceDir, folders) {
  const YAML = require('yaml');
  const records = [];
  for (const folder of folders) {
    for (const file of recordFiles(join(workspaceDir, folder))) {
      const rel = relative(workspaceDir, file).split(sep).join('/');
      const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
      docs.forEach((doc, index) => {
        const v = doc.toJS({ maxAliasCount: 100 }) ?? {};
        if (typeof v !== 'object') return;
        records.push({ file: rel, index, id: v.id, title: v.title, title_en: v.title_en });
      });
    }
  }
  return records;
}

/** Checks that each scenario's `lineText` still matches the fixture (so line numbers cannot drift silently). */
export function checkFixtureLines(workspaceDir) {
  const problems = [];
  const check = (file, line, text) => {
    if (!file || !line || text === undefined) return;
    const lines = readFileSync(join(workspaceDir, file), 'utf8').split(/\r?\n/);
    if (lines[line - 1] !== text) {
      problems.push(`${file}:${line} is ${JSON.stringify(lines[line - 1])}, scenarios.json expects ${JSON.stringify(text)}`);
    }
  };
  for (const s of SCENARIOS.scenarios) {
    check(s.file, s.line, s.lineText);
    if (s.edit) check(s.file, s.edit.line, s.edit.lineText);
  }
  return problems;
}

export { containsAny } from './wait.cjs';

/** The packaged extension: `meeting-records-<version>.vsix` at the repository root (or $MEETING_RECORDS_VSIX). */
export function vsixPath() {
  if (process.env.MEETING_RECORDS_VSIX) return resolve(process.env.MEETING_RECORDS_VSIX);
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  return join(REPO, `${pkg.name}-${pkg.version}.vsix`);
}

/** publisher.name of the extension (from the repository's package.json). */
export function extensionId() {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}`;
}

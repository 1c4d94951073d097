// The bundled catalog ships as the build's reading of seeds/catalog/*.yaml
// (scripts/generate.mjs). These tests read the files again at run time, as
// every process used to, and require the shipped catalog (dist/core.js, what
// the server and the CLI bundle) to be exactly that: the same entries, the
// same origin for each entry ("go to definition"), no diagnostics. They fail
// too when a catalog file changed and the build was not run again.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNamesUnambiguous, BUNDLED_CATALOG, bundledCatalogModule } from '../../scripts/generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const core = createRequire(import.meta.url)('../../dist/core.js');

function readAtRunTime(file) {
  return core.parseCatalogFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), file);
}

/** Each entry's origin, section by section, in order. */
function originsOf(catalogFile) {
  return core.CATALOG_SECTIONS.map((section) => (catalogFile.data[section] ?? []).map((entry) => catalogFile.origins.get(entry)));
}

describe('the pre-checked bundled catalog', () => {
  test('ships every file of seeds/catalog, in merge order', () => {
    const onDisk = fs.readdirSync(path.join(ROOT, 'seeds', 'catalog')).filter((n) => /\.ya?ml$/.test(n)).sort();
    assert.deepEqual([...BUNDLED_CATALOG].sort(), onDisk);
    assert.deepEqual(core.bundledCatalogFiles().map((f) => f.file), BUNDLED_CATALOG.map((n) => `seeds/catalog/${n}`));
  });

  test('equals what the catalog reader makes of the files at run time, origins included', () => {
    for (const shipped of core.bundledCatalogFiles()) {
      const read = readAtRunTime(shipped.file);
      assert.deepStrictEqual(shipped.data, read.data, shipped.file);
      assert.deepStrictEqual(shipped.diagnostics, read.diagnostics, shipped.file);
      assert.deepStrictEqual(originsOf(shipped), originsOf(read), shipped.file);
      assert.equal(shipped.origins.size, originsOf(read).flat().length, shipped.file);
    }
  });

  test('gives the catalog index the same entries and origins as the files read at run time', () => {
    const shipped = core.loadBundledCatalog();
    const read = core.buildCatalog([]);
    assert.deepStrictEqual(shipped.data, read.data);
    const fromFiles = BUNDLED_CATALOG.map((n) => readAtRunTime(`seeds/catalog/${n}`));
    const runTime = new core.CatalogIndex(core.mergeCatalogs(fromFiles.map((f) => f.data)), new Map(fromFiles.flatMap((f) => [...f.origins])));
    assert.deepStrictEqual(shipped.data, runTime.data);
    for (const section of core.CATALOG_SECTIONS) {
      shipped.data[section].forEach((entry, i) => assert.deepStrictEqual(shipped.originOf(entry), runTime.originOf(runTime.data[section][i])));
    }
  });
});

describe('the build refuses a bundled catalog with problems', () => {
  const text = fs.readFileSync(path.join(ROOT, 'seeds', 'catalog', 'parties.yaml'), 'utf8');

  test('a schema problem names the file, the line and column of the value at fault, and the problem', () => {
    const broken = text.replace(/^(\s*)kind: dialogue-partner$/m, '$1kind: dialog-partner');
    assert.notEqual(broken, text);
    const line = broken.split('\n').findIndex((l) => l.includes('kind: dialog-partner')) + 1;
    const column = broken.split('\n')[line - 1].indexOf('dialog-partner') + 1;
    const files = [core.parseCatalogFile(broken, 'seeds/catalog/parties.yaml')];
    assert.throws(
      () => bundledCatalogModule(files),
      new RegExp(`bundled catalog has 1 problem\\(s\\).*\\n {2}seeds/catalog/parties\\.yaml:${line}:${column}: Party 'Australia': 'parties\\[\\d+\\]\\.kind' must be one of: asean-member, .* \\(the entry is not used\\) \\(schema\\)$`),
    );
  });

  test('two names that fold alike are refused unless one side declares it in ambiguous_aliases', () => {
    const clash = 'parties:\n  - {name: Alpha, kind: other, source: s, aliases: [Ål]}\n  - {name: Beta, kind: other, source: s, aliases: [al]}\n';
    const data = core.parseCatalogFile(clash, 'seeds/catalog/parties.yaml').data;
    const full = { parties: data.parties, mechanisms: [], documents: [] };
    assert.throws(() => assertNamesUnambiguous(full, core.foldClashes), /'Ål' \(Alpha\) and 'al' \(Beta\) both fold to 'al'/);
    const declared = core.parseCatalogFile(clash.replace('aliases: [al]}', 'aliases: [al], ambiguous_aliases: [al]}'), 'seeds/catalog/parties.yaml').data;
    assert.doesNotThrow(() => assertNamesUnambiguous({ parties: declared.parties, mechanisms: [], documents: [] }, core.foldClashes));
  });

  test('a YAML syntax error names its line and column', () => {
    const files = [core.parseCatalogFile(`${text}\n  - name: [unclosed\n`, 'seeds/catalog/parties.yaml')];
    assert.throws(() => bundledCatalogModule(files), /seeds\/catalog\/parties\.yaml:\d+:\d+: .*\(yaml-syntax\)/);
  });

  test('a value used twice (a YAML alias) is refused: JSON would make two of it', () => {
    const aliased = 'parties:\n  - {name: A, kind: other, source: s, aliases: &names [A1]}\n  - {name: B, kind: other, source: s, aliases: *names}\n';
    const files = [core.parseCatalogFile(aliased, 'seeds/catalog/parties.yaml')];
    assert.deepEqual(files[0].diagnostics, []);
    assert.throws(() => bundledCatalogModule(files), /one value in two places/);
    assert.doesNotThrow(() => bundledCatalogModule([core.parseCatalogFile(aliased.replace('*names', '[A1]'), 'seeds/catalog/parties.yaml')]));
  });

  test('the bundled files as they are pass', () => {
    const module = bundledCatalogModule(BUNDLED_CATALOG.map((n) => readAtRunTime(`seeds/catalog/${n}`)));
    assert.match(module, /^\/\/ Generated by scripts\/generate\.mjs/);
  });
});

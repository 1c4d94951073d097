// The CLI builds its own catalog for each thread (server/src/cli/catalog.ts);
// it must hold exactly what the editor's holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSources } from './helpers.mjs';

test('the CLI catalog equals the core catalog, bundled files and extra files alike', () => {
  const lib = loadSources([
    "export { buildCliCatalog } from './server/src/cli/catalog';",
    "export { buildCatalog, parseCatalogFile, bundledCatalogFiles } from './server/src/core/catalogFile';",
  ]);
  const extra = [{ file: 'extra.catalog.yaml', text: 'parties:\n  - name: Atlantis\n    kind: other\n  - name: Japan\n    kind: dialogue-partner\n    aliases: [Nippon]\n' }];
  for (const files of [[], extra]) {
    const cli = lib.buildCliCatalog(files).data;
    const core = lib.buildCatalog(files.map((f) => lib.parseCatalogFile(f.text, f.file))).data;
    assert.deepEqual(cli, core);
    assert.ok(cli.parties.length > 20 && cli.mechanisms.length > 10);
  }
  assert.deepEqual(lib.bundledCatalogFiles().flatMap((f) => f.diagnostics), [], 'the bundled catalog passes its own schema');
});

// Builds the preview renderer from source for the render tests, so they test
// the code in the tree rather than whatever dist/ last held. Not a test itself.
import * as esbuild from 'esbuild';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles `entry` (ES module source, resolved from the repository root) and
 * imports it. A temp file rather than a data: URL, so stack traces name lines.
 */
export async function importBundle(entry, name) {
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    loader: { '.yaml': 'text' },
    // A CommonJS dependency inside an ES module bundle still needs `require`.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'render-test-'));
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The renderer and the catalog class, from server/src/core/render and catalog.ts. */
export function loadRenderer() {
  return importBundle(
    `export * from './server/src/core/render/index.ts';
     export { CatalogIndex } from './server/src/core/catalog.ts';`,
    'renderer',
  );
}

/**
 * The real bundled catalog and validator, or the reason they could not be
 * built (another part of the project still in progress): the chromium test
 * then falls back to the hand-made catalog and says so.
 */
export async function loadValidation() {
  try {
    const core = await importBundle(
      `export { loadBundledCatalog } from './server/src/core/catalogFile.ts';
       export { Validator } from './server/src/core/validate.ts';`,
      'validation',
    );
    const catalog = core.loadBundledCatalog();
    const validator = new core.Validator(catalog);
    return { catalog, validate: (text) => validator.validate(text).diagnostics };
  } catch (error) {
    const detail = error?.errors?.[0]?.text ?? (error instanceof Error ? error.message : String(error));
    return { unavailable: detail.split('\n')[0] };
  }
}

/** A small catalog with the facts the assertions name; independent of seeds/catalog. */
export function testCatalog(CatalogIndex) {
  return new CatalogIndex({
    parties: [
      {
        name: 'Japan',
        name_vi: 'Nhật Bản',
        aliases: ['Nhật Bản', 'Nhat Ban', 'JP'],
        kind: 'dialogue-partner',
        dialogue_since: 1973,
        relationship: { level: 'Comprehensive Strategic Partnership', since: 2023 },
      },
      {
        name: 'Republic of Korea',
        name_vi: 'Hàn Quốc',
        aliases: ['Hàn Quốc', 'South Korea', 'Korea'],
        kind: 'dialogue-partner',
        dialogue_since: 1989,
        relationship: { level: 'Comprehensive Strategic Partnership', since: 2024 },
      },
      { name: 'China', name_vi: 'Trung Quốc', aliases: ['Trung Quốc'], kind: 'dialogue-partner', dialogue_since: 1991 },
      { name: 'Lao PDR', name_vi: 'Lào', aliases: ['Lào', 'Laos'], kind: 'asean-member', joined: '1997-07-23' },
      { name: 'Viet Nam', name_vi: 'Việt Nam', aliases: ['Việt Nam', 'Vietnam'], kind: 'asean-member', joined: '1995-07-28' },
      { name: 'ASEAN Secretariat', kind: 'organisation' },
    ],
    mechanisms: [
      { name: 'ASEAN+1', aliases: ['ASEAN 1'], full_name: 'ASEAN Plus One', full_name_vi: 'ASEAN+1' },
      { name: 'ASEAN+3', aliases: ['ASEAN 3', 'APT'], full_name: 'ASEAN Plus Three', founded: 1997 },
      { name: 'SOM', full_name: 'ASEAN Senior Officials Meeting' },
    ],
    documents: [
      { title: 'ASEAN-Japan Plan of Action 2024-2028', aliases: ['Kế hoạch hành động ASEAN-Nhật Bản'], type: 'plan-of-action', year: 2024 },
    ],
  });
}

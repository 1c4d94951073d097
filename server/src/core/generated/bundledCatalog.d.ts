// The bundled catalog (seeds/catalog/*.yaml) as the core's catalog reader read it at build time
// (scripts/generate.mjs); the build fails if any file had a problem.
import type { CatalogData } from '../catalog';

export interface PrecheckedCatalogFile {
  /** As the reader names it: `seeds/catalog/<name>`. */
  file: string;
  data: Partial<CatalogData>;
  /** Per section, the 0-based line of each entry of `data` (its origin), in order; null when it had none. */
  lines: Partial<Record<keyof CatalogData, Array<number | null>>>;
}

declare const files: PrecheckedCatalogFile[];
export default files;

import { Document, isMap, isSeq, visit } from 'yaml';
import type { DraftResult } from './index';

/** The header every YAML draft starts with; `--out` may replace a file that starts so. */
export const DRAFT_HEADER = '# Drafted by meeting-records draft';

/**
 * A draft as a record file: one YAML document per record, party lists in
 * flow style as the seed records write them, and a header that says where
 * it came from and that it must be checked.
 */
export function draftToYaml(result: DraftResult, options: { articleName?: string } = {}): string {
  const from = options.articleName ? ` from ${options.articleName}` : '';
  const header = `${DRAFT_HEADER}${from}: every value is taken from the article; check each one and add what it leaves out.\n`;
  if (result.records.length === 0) return `${header}# The article reports no ASEAN meeting the drafter recognises.\n`;
  const documents = result.records.map((record) => {
    const doc = new Document(record);
    visit(doc, {
      Seq(_key, node, path) {
        const parent = path[path.length - 1];
        const key = parent && 'key' in parent ? String((parent as { key: { value?: unknown } }).key?.value ?? '') : '';
        if (['partners', 'participants', 'parties'].includes(key) && node.items.every((i) => !isMap(i) && !isSeq(i))) node.flow = true;
      },
    });
    return doc.toString({ lineWidth: 0 });
  });
  return `${header}${documents.join('---\n')}`;
}

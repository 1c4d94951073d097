import type { ReportedFile } from '../result';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export const FORMATS = ['stylish', 'json', 'github', 'sarif', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatContext {
  cwd: string;
  color: boolean;
}

export function formatReport(format: FormatName, files: readonly ReportedFile[], context: FormatContext): string {
  switch (format) {
    case 'stylish':
      return formatStylish(files, { color: context.color });
    case 'json':
      return formatJson(files);
    case 'github':
      return formatGithub(files);
    case 'sarif':
      return formatSarif(files, context.cwd);
    case 'junit':
      return formatJunit(files);
  }
}

/**
 * `meeting-records render FILE [-o out.html]`: the preview page as a
 * standalone HTML file, from the same renderer the VS Code preview uses.
 */
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadBundledCatalog } from '../core/catalogFile';
import { renderPreviewPage } from '../core/render';
import { stripBom } from '../core/text';
import { Validator } from '../core/validate';
import { atomicWrite } from './atomicWrite';
import { emptyPathProblem } from './errors';
import { visible } from './visible';

export function renderUsage(): string {
  return l10n.t('usage: meeting-records render FILE [-o out.html]');
}

interface RenderArgs {
  file: string;
  output?: string;
}

type ParsedArgs = { kind: 'run'; args: RenderArgs } | { kind: 'help' } | { kind: 'error'; message: string };

export interface RenderIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Renders FILE and writes the page to `-o` or stdout. `args` are the words
 * after `render`. Exit 0 on success (a record with problems still renders,
 * with its problems banner), 2 for a usage or I/O failure.
 */
export async function runRender(args: string[], io: RenderIo): Promise<number> {
  const parsed = parseRenderArgs(args);
  if (parsed.kind === 'help') {
    await writeTo(io.stdout, `${renderUsage()}\n`);
    return 0;
  }
  if (parsed.kind === 'error') return fail(io, `${parsed.message} (${renderUsage()})`);
  const { file, output } = parsed.args;

  let text: string;
  try {
    text = stripBom(await fs.readFile(file, 'utf8'));
  } catch (error) {
    return fail(io, l10n.t('cannot read {0}: {1}', file, reasonOf(error)));
  }

  let page: string;
  try {
    page = renderFile(text, path.basename(file));
  } catch (error) {
    return fail(io, l10n.t('cannot render {0}: {1}', file, reasonOf(error)));
  }

  try {
    // The record itself is never the output, whatever path or link names it.
    if (output) atomicWrite(output, page, { inputs: [file] });
    else await writeTo(io.stdout, page);
  } catch (error) {
    return fail(io, output ? l10n.t('cannot write {0}: {1}', output, reasonOf(error)) : l10n.t('cannot write to standard output: {0}', reasonOf(error)));
  }
  return 0;
}

export function parseRenderArgs(args: readonly string[]): ParsedArgs {
  const files: string[] = [];
  let output: string | undefined;
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '-h' || arg === '--help') {
      return { kind: 'help' };
    } else if (arg === '-o' || arg === '--output') {
      const value = args[++i];
      if (value === undefined || value === '') return { kind: 'error', message: l10n.t('{0} needs a file name', arg) };
      output = value;
    } else if (arg.startsWith('--output=')) {
      output = arg.slice('--output='.length);
      if (!output) return { kind: 'error', message: l10n.t('{0} needs a file name', '--output') };
    } else {
      return { kind: 'error', message: l10n.t("unknown option '{0}'", arg) };
    }
  }
  if (files.length !== 1) return { kind: 'error', message: files.length ? l10n.t('expects exactly one FILE') : l10n.t('missing FILE') };
  const empty = emptyPathProblem(files[0]);
  if (empty) return { kind: 'error', message: empty };
  return { kind: 'run', args: { file: files[0], output } };
}

/** The page the editor's preview shows: the same analysis gives the same records and problems. */
function renderFile(text: string, fileName: string): string {
  const catalog = loadBundledCatalog();
  const { diagnostics, records } = new Validator(catalog).validate(text);
  const nonce = randomBytes(16).toString('base64');
  return renderPreviewPage({ records: records.map((r) => r.value), diagnostics, catalog, fileName }, { cspSource: "'self'", nonce }).html;
}

function writeTo(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function fail(io: RenderIo, message: string): Promise<number> {
  // The message is one line: paths and error texts may not carry a line break into the terminal.
  await writeTo(io.stderr, `meeting-records render: ${visible(message.replace(/[\r\n]+/g, ' '))}\n`).catch(() => undefined);
  return 2;
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : error.code;
    return message;
  }
  return error instanceof Error ? error.message : String(error);
}

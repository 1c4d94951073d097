/**
 * `meeting-records draft ARTICLE [--format yaml|json] [--out FILE]`: one
 * record per ASEAN meeting the article reports, drafted by the core's
 * extractor, with the evidence of every value (JSON) or as a record file to
 * check and complete (YAML). `-` reads the article from standard input.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBundledCatalog } from '../core/catalogFile';
import { DRAFT_HEADER, draftRecords, draftToYaml } from '../core/draft';
import { stripBom } from '../core/text';
import { atomicWrite } from './atomicWrite';
import { UsageError } from './errors';
import { write, type CliIO } from './io';
import { decodeUtf8 } from '../corpus/read';

export function draftHelp(): string {
  return l10n.t(`Usage: meeting-records draft ARTICLE [--format yaml|json] [--out FILE] [--force]

Drafts one meeting record per ASEAN meeting a news article reports (the
format of seeds/articles/: an optional URL line, a title, the body), using
the catalog as the gazetteer. Every value comes from the article; what it
does not say is left out, so check and complete the draft before use.
ARTICLE '-' reads standard input.

Options:
  -f, --format yaml|json  yaml (default): a *.meeting.yaml file to edit;
                          json: {"records": [...], "evidence": [{"record": 0,
                          "path": "partners[0]", "start": 123, "end": 131,
                          "quote": "Nhật Bản"}]}, where quote is the article's
                          text from start to end (UTF-16 offsets)
  -o, --out FILE          write to FILE (atomically) instead of standard output.
                          Never the article itself; an existing FILE is replaced
                          only with --force, or when it is an earlier draft
                          (a file that starts with the draft header)
      --force             replace an existing --out FILE
  -h, --help              show this help

Exit status: 0 drafted (even nothing); 2 bad usage or an unreadable article.
`);
}

interface DraftArgs {
  article: string;
  format: 'yaml' | 'json';
  out?: string;
  force: boolean;
}

export function parseDraftArgs(args: readonly string[]): DraftArgs | 'help' {
  const files: string[] = [];
  let format: DraftArgs['format'] = 'yaml';
  let out: string | undefined;
  let force = false;
  let optionsEnded = false;
  const value = (name: string, next: string | undefined): string => {
    if (next === undefined || next === '') throw new UsageError(l10n.t('{0} needs a value', name));
    return next;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--force') force = true;
    else if (arg === '-f' || arg === '--format' || arg.startsWith('--format=')) {
      const given = arg.startsWith('--format=') ? arg.slice(9) : value(arg, args[++i]);
      if (given !== 'yaml' && given !== 'json') throw new UsageError(l10n.t("--format must be yaml or json, not '{0}'", given));
      format = given;
    } else if (arg === '-o' || arg === '--out' || arg.startsWith('--out=')) out = arg.startsWith('--out=') ? value('--out', arg.slice(6)) : value(arg, args[++i]);
    else throw new UsageError(l10n.t("unknown option '{0}'", arg));
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? l10n.t('missing ARTICLE (a file, or - for standard input)') : l10n.t('expects exactly one ARTICLE'));
  return { article: files[0], format, out, force };
}

export async function runDraft(args: readonly string[], io: CliIO, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const parsed = parseDraftArgs(args);
  if (parsed === 'help') {
    await write(io.stdout, draftHelp());
    return 0;
  }
  const fromStdin = parsed.article === '-';
  const articlePath = fromStdin ? undefined : path.resolve(io.cwd, parsed.article);
  let text: string;
  try {
    text = articlePath ? readArticleFile(articlePath) : await readStream(stdin);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(io, fromStdin ? l10n.t('cannot read standard input: {0}', reason) : l10n.t('cannot read {0}: {1}', parsed.article, reason));
  }
  const name = articlePath ? path.basename(articlePath) : undefined;
  const result = draftRecords(stripBom(text), loadBundledCatalog(), { articleName: name });
  const output = parsed.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : draftToYaml(result, { articleName: name });
  if (!parsed.out) {
    await write(io.stdout, output);
  } else {
    const target = path.resolve(io.cwd, parsed.out);
    const refusal = refuseOut(target, articlePath, parsed.force);
    if (refusal) return fail(io, refusal);
    try {
      atomicWrite(target, output);
    } catch (error) {
      return fail(io, l10n.t('cannot write {0}: {1}', parsed.out, error instanceof Error ? error.message : String(error)));
    }
  }
  if (result.records.length === 0) await write(io.stderr, `meeting-records draft: ${l10n.t('the article reports no ASEAN meeting the drafter recognises')}\n`);
  return 0;
}

function readArticleFile(file: string): string {
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new Error(l10n.t('it is a folder, not a file'));
  const decoded = decodeUtf8(fs.readFileSync(file));
  if (decoded.kind === 'problem') throw new Error(decoded.diagnostic.message);
  return decoded.text;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const decoded = decodeUtf8(Buffer.concat(chunks));
  if (decoded.kind === 'problem') throw new Error(decoded.diagnostic.message);
  return decoded.text;
}

/**
 * Why `--out` must not write there, if it must not: the article itself
 * (through any link), a folder, or an existing file that is not an earlier
 * draft unless --force says so (as `cp` without -f would not clobber).
 */
function refuseOut(target: string, article: string | undefined, force: boolean): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return l10n.t('--out {0} is a folder', target);
  if (article) {
    try {
      const a = fs.statSync(article);
      if (a.ino === stat.ino && a.dev === stat.dev) return l10n.t('--out would overwrite the article {0}; choose another file', article);
    } catch {
      // The article was read a moment ago; if it is gone now there is nothing to protect.
    }
  }
  if (force) return undefined;
  if (isEarlierDraft(target)) return undefined;
  return l10n.t('--out {0} exists and is not a draft; use --force to replace it', target);
}

function isEarlierDraft(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(200);
      const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
      const head = buffer.subarray(0, read).toString('utf8');
      return head.startsWith(DRAFT_HEADER) || /^\{\s*"records"/.test(head);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

async function fail(io: CliIO, message: string): Promise<number> {
  await write(io.stderr, `meeting-records draft: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  return 2;
}

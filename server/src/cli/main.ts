/**
 * `meeting-records`: the command table and exit codes. Every failure a user
 * can cause is one line on stderr and exit 2; nothing prints a stack trace.
 */
import * as l10n from '@vscode/l10n';
import { nearest } from '../core/text';
import { UsageError } from './errors';
import { TOOL_VERSION } from './formats/rules';
import { exportHelp, mainHelp, validateHelp } from './help';
import { processIO, write, type CliIO } from './io';
import { chooseLocale } from './locale';
import { visible } from './visible';

type Command = (args: string[], io: CliIO) => Promise<number>;

// Commands load on first use: `render` never pays for validation's start-up, nor a cached validation for rendering's.
const COMMANDS: Record<string, Command> = {
  validate: (args, io) => (require('./validateRun') as typeof import('./validateRun')).runValidate(args, io),
  render: (args, io) => (require('./render') as typeof import('./render')).runRender(args, io),
  draft: (args, io) => (require('./draft') as typeof import('./draft')).runDraft(args, io),
  export: (args, io) => (require('./export') as typeof import('./export')).runExport(args, io),
  help: async (args, io) => {
    const topic = args[0];
    const renderUsage = (): string => `${(require('./render') as typeof import('./render')).renderUsage()}\n`;
    const draftHelp = (): string => (require('./draft') as typeof import('./draft')).draftHelp();
    const text =
      topic === 'validate' ? validateHelp() : topic === 'render' ? renderUsage() : topic === 'draft' ? draftHelp() : topic === 'export' ? exportHelp() : mainHelp();
    await write(io.stdout, text);
    return 0;
  },
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let args: string[];
  try {
    args = chooseLocale(argv, io.env).rest;
  } catch (error) {
    if (error instanceof UsageError) return fail(io, l10n.t('{0}; see meeting-records --help', error.message));
    throw error;
  }
  const [command, ...rest] = args;
  if (command === '--version' || command === '-v' || command === 'version') {
    await write(io.stdout, `${TOOL_VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h') return COMMANDS.help([], io);
  if (command === undefined) {
    await write(io.stderr, mainHelp());
    return 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    const suggestion = nearest(command, Object.keys(COMMANDS), 1)[0];
    const hint = suggestion
      ? l10n.t(" (did you mean '{0}'?)", suggestion)
      : command.startsWith('-')
        ? ''
        : l10n.t(' (to validate a path: meeting-records validate {0})', command);
    return fail(io, l10n.t("unknown command '{0}'{1}; see meeting-records --help", command, hint));
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return fail(io, l10n.t('{0}; see meeting-records {1} --help', error.message, command));
    return fail(io, l10n.t('internal error: {0}', error instanceof Error ? error.message : String(error)));
  }
}

async function fail(io: CliIO, message: string): Promise<number> {
  // Messages quote what the user typed (paths, option values): shown, never obeyed by the terminal.
  await write(io.stderr, `meeting-records: ${visible(message.replace(/\s*[\r\n]+\s*/g, ' '))}\n`);
  return 2;
}

if (require.main === module) {
  // A closed pipe (`… | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`meeting-records: ${l10n.t('cannot write the output: {0}', error.message)}\n`);
    process.exit(2);
  });
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`meeting-records: ${l10n.t('internal error: {0}', error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = 2;
    },
  );
}

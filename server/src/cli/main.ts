/**
 * `meeting-records`: the command table and exit codes. Every failure a user
 * can cause is one line on stderr and exit 2; nothing prints a stack trace.
 */
import { nearest } from '../core/text';
import { UsageError } from './errors';
import { TOOL_VERSION } from './formats/rules';
import { EXPORT_HELP, MAIN_HELP, VALIDATE_HELP } from './help';
import { processIO, write, type CliIO } from './io';
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
    const renderUsage = (): string => `${(require('./render') as typeof import('./render')).RENDER_USAGE}\n`;
    const draftHelp = (): string => (require('./draft') as typeof import('./draft')).DRAFT_HELP;
    const text =
      topic === 'validate' ? VALIDATE_HELP : topic === 'render' ? renderUsage() : topic === 'draft' ? draftHelp() : topic === 'export' ? EXPORT_HELP : MAIN_HELP;
    await write(io.stdout, text);
    return 0;
  },
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    await write(io.stdout, `${TOOL_VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h') return COMMANDS.help([], io);
  if (command === undefined) {
    await write(io.stderr, MAIN_HELP);
    return 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    const suggestion = nearest(command, Object.keys(COMMANDS), 1)[0];
    const hint = suggestion ? ` (did you mean '${suggestion}'?)` : command.startsWith('-') ? '' : ` (to validate a path: meeting-records validate ${command})`;
    return fail(io, `unknown command '${command}'${hint}; see meeting-records --help`);
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return fail(io, `${error.message}; see meeting-records ${command} --help`);
    return fail(io, `internal error: ${error instanceof Error ? error.message : String(error)}`);
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
    process.stderr.write(`meeting-records: cannot write the output: ${error.message}\n`);
    process.exit(2);
  });
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`meeting-records: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

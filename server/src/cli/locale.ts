import * as l10n from '@vscode/l10n';
import { LOCALES, parseLocale, setLocale, type Locale } from '../core/l10n';
import { UsageError } from './errors';

/**
 * `--locale en|vi|auto` anywhere before `--`, for every command: taken out of
 * the arguments before the command reads them. Without it (or with `auto`),
 * the first of LC_ALL, LC_MESSAGES and LANG that is set decides, as POSIX
 * has it; a language the product does not speak (or `C`) means English.
 */
export function chooseLocale(argv: readonly string[], env: NodeJS.ProcessEnv): { locale: Locale; rest: string[] } {
  const rest: string[] = [];
  let flag: string | undefined;
  let problem: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--locale' || arg.startsWith('--locale=')) {
      const value = arg === '--locale' ? argv[++i] : arg.slice('--locale='.length);
      if (value === undefined || (value !== 'auto' && parseLocale(value) === undefined)) problem = value ?? '';
      else flag = value;
      continue;
    }
    rest.push(arg);
  }
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  const locale = setLocale(flag !== undefined && flag !== 'auto' ? flag : fromEnv);
  // Said in the language chosen from the environment, since the flag's own value is what is wrong.
  if (problem !== undefined) {
    throw new UsageError(l10n.t("option '--locale' needs one of {0} or auto, not '{1}'", LOCALES.join(', '), problem));
  }
  return { locale, rest };
}

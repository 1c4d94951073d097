/**
 * The client's language, from `meetingRecords.locale`: `auto` follows VS
 * Code's display language (`vscode.env.language`), `en` and `vi` choose one
 * whatever VS Code shows. The client's strings are `l10n.t(...)` calls on
 * @vscode/l10n, extracted by @vscode/l10n-dev into l10n/bundle.l10n.json like
 * the server's; for `auto` they read the very bundle VS Code loaded for its
 * display language from package.json's `l10n` folder (`vscode.l10n.bundle`),
 * so the client reads exactly what `vscode.l10n.t` would; for `en` or `vi`
 * they read that language's bundle, so the setting wins over VS Code's
 * language. Contributions (commands, settings) are VS Code's to translate,
 * from package.nls.vi.json, in its display language.
 *
 * The same locale goes to the server in `initializationOptions.locale`, and
 * the overview page, rendered here, follows it too (core/l10n.ts).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { parseLocale, setLocale, type Locale } from '../../server/src/core/l10n';
import { SETTINGS_SECTION } from '../../server/src/protocol';

export const LOCALE_SETTING = `${SETTINGS_SECTION}.locale`;

/** `meetingRecords.locale` resolved: the language the product speaks in this window. */
export function chosenLocale(): Locale {
  const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('locale');
  return (setting !== 'auto' ? parseLocale(setting) : undefined) ?? parseLocale(vscode.env.language) ?? 'en';
}

/** Switches the client's strings to the chosen language and returns it. */
export function applyLocale(): Locale {
  const locale = chosenLocale();
  setLocale(locale);
  const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('locale');
  // `auto` in a VS Code whose display language has a bundle: VS Code's own copy of it.
  if ((setting === undefined || setting === 'auto') && vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  return locale;
}

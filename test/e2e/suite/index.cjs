// The scenarios of test/e2e/scenarios.json through the VS Code API, inside a
// real VS Code extension host. Plain CommonJS, no mocha, no compile step.
//
// Entry point for @vscode/test-electron (`--extensionTestsPath`): VS Code calls
// run() once the workspace is open; it throws when a scenario fails.
// Environment (set by test/e2e/run.mjs):
//   E2E_WORKSPACE     the workspace folder (also opened by VS Code)
//   E2E_EXTENSION_ID  publisher.name of the extension under test
//   E2E_RESULTS       optional: write a JSON summary there
'use strict';

const vscode = require('vscode');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { until, containsAny } = require('../wait.cjs');

const SCENARIOS = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'scenarios.json'), 'utf8'));

function scenario(id) {
  const s = SCENARIOS.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`scenario '${id}' is missing from scenarios.json`);
  return s;
}

function workspaceDir() {
  const dir = process.env.E2E_WORKSPACE || (vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0].uri.fsPath);
  if (!dir) throw new Error('no workspace: set E2E_WORKSPACE or open the e2e workspace folder');
  return dir;
}

const uriOf = (rel) => vscode.Uri.file(path.join(workspaceDir(), rel));

const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint };
const describeDiag = (d) => `L${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${JSON.stringify(d.message)}`;

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  return { doc, editor };
}

async function revert(doc) {
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await until(`${path.basename(doc.uri.fsPath)} to be clean`, () => !doc.isDirty, { timeout: 10000 });
}

async function replaceLine(doc, line, expected, text) {
  const l = doc.lineAt(line - 1);
  assert.equal(l.text, expected, `line ${line} of ${doc.uri.fsPath}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, l.range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
  return new vscode.Position(line - 1, text.length);
}

/** The command contributed with the title "<category>: <title>" (the palette label). */
function commandId(ext, fullTitle) {
  const cmds = (ext.packageJSON.contributes && ext.packageJSON.contributes.commands) || [];
  const found = cmds.find((c) => `${c.category ? `${c.category}: ` : ''}${c.title}`.toLowerCase() === fullTitle.toLowerCase());
  if (!found) throw new Error(`the extension contributes no command titled '${fullTitle}' (it has: ${cmds.map((c) => `${c.category}: ${c.title}`).join('; ')})`);
  return found.command;
}

function recordFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...recordFiles(p));
    else if (/\.meeting\.ya?ml$/.test(name)) out.push(p);
  }
  return out.sort();
}

const webviewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);

function hoverText(hovers) {
  return (hovers || []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value || '')).join('\n');
}

// ---------------------------------------------------------------------------

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
let ext;

test('setup: the extension is installed and activates on a record', async () => {
  const id = process.env.E2E_EXTENSION_ID;
  ext = await until(`extension ${id}`, () => (id ? vscode.extensions.getExtension(id) : vscode.extensions.all.find((e) => e.packageJSON && e.packageJSON.name === 'meeting-records')), { timeout: 20000 });
  const { doc } = await open(scenario('problems').file);
  assert.equal(doc.languageId, SCENARIOS.extension.languageId, `language of ${doc.uri.fsPath}`);
  await until('the extension to activate', () => ext.isActive, { timeout: 30000 });
});

test(scenario('problems').title, async () => {
  const s = scenario('problems');
  const { doc } = await open(s.file);
  await vscode.commands.executeCommand(commandId(ext, s.command));
  const missing = () => {
    const diags = vscode.languages.getDiagnostics(doc.uri);
    return s.problems.filter((p) => !diags.some((d) => d.range.start.line === p.line - 1 && codeOf(d) === p.code &&
      d.severity === SEVERITY[p.severity] && (!p.messageIncludes || d.message.includes(p.messageIncludes))));
  };
  try {
    await until(`the problems of ${s.file}`, () => missing().length === 0, { timeout: 60000 });
  } catch {
    assert.fail(`${s.file}: missing ${JSON.stringify(missing())}; VS Code has: ${vscode.languages.getDiagnostics(doc.uri).map(describeDiag).join(' | ')}`);
  }
  // The clean folders (valid fixtures and every seed record): open each, and
  // see that VS Code holds no problem for any of them, for a settled second.
  const clean = s.cleanFolders.flatMap((f) => recordFiles(path.join(workspaceDir(), f)));
  assert.ok(clean.length > 0, 'no clean records found');
  for (const file of clean) await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  let streak = 0;
  let dirty = [];
  await until('the clean records to stay free of problems', () => {
    dirty = clean.map((f) => [f, vscode.languages.getDiagnostics(vscode.Uri.file(f))]).filter(([, d]) => d.length > 0);
    streak = dirty.length === 0 ? streak + 1 : 0;
    return streak >= 5 || dirty.length > 0;
  }, { timeout: 30000, interval: 250 });
  assert.deepEqual(dirty.map(([f, d]) => `${path.relative(workspaceDir(), f)}: ${d.map(describeDiag).join(' | ')}`), [], 'records that should be clean have problems');
});

test(scenario('completion').title, async () => {
  const s = scenario('completion');
  const { doc } = await open(s.file);
  try {
    const pos = await replaceLine(doc, s.line, s.lineText, s.replaceLineWith);
    let labels = [];
    try {
      await until(`'${s.expectLabel}' among the completions`, async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
        labels = ((list && list.items) || []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return labels.includes(s.expectLabel);
      }, { timeout: 20000, interval: 500 });
    } catch {
      assert.fail(`completion after '${s.replaceLineWith.trim()}' offers ${JSON.stringify(labels.slice(0, 30))}, not '${s.expectLabel}'`);
    }
  } finally {
    await revert(doc);
  }
});

test(scenario('hover').title, async () => {
  const s = scenario('hover');
  const { doc } = await open(s.file);
  assert.equal(doc.lineAt(s.line - 1).text, s.lineText);
  const pos = new vscode.Position(s.line - 1, s.lineText.indexOf(s.token) + 1);
  let text = '';
  try {
    await until(`a hover on '${s.token}'`, async () => {
      text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
      return containsAny(text, s.any);
    }, { timeout: 20000, interval: 500 });
  } catch {
    assert.fail(`hover on '${s.token}' reads ${JSON.stringify(text)}; expected one of ${JSON.stringify(s.any)}`);
  }
});

test(scenario('quick-fix').title, async () => {
  const s = scenario('quick-fix');
  const { doc } = await open(s.file);
  try {
    assert.equal(doc.lineAt(s.line - 1).text, s.lineText);
    const diag = await until(`a ${s.code} diagnostic on line ${s.line}`, () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.range.start.line === s.line - 1 && codeOf(d) === s.code), { timeout: 30000 });
    let actions = [];
    const action = await until(`a code action mentioning '${s.actionIncludes}'`, async () => {
      actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value)) || [];
      return actions.find((a) => a.title.includes(s.actionIncludes));
    }, { timeout: 20000, interval: 500 }).catch(() => assert.fail(`code actions on line ${s.line}: ${JSON.stringify(actions.map((a) => a.title))}`));
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the quick fix edit was not applied');
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments || []));
    await until(`line ${s.line} to read ${JSON.stringify(s.expectLineText)}`, () => doc.lineAt(s.line - 1).text === s.expectLineText, { timeout: 10000 })
      .catch(() => assert.fail(`after '${action.title}' line ${s.line} reads ${JSON.stringify(doc.lineAt(s.line - 1).text)}`));
  } finally {
    await revert(doc);
  }
});

test(scenario('preview').title, async () => {
  const s = scenario('preview');
  const { doc } = await open(s.file);
  const before = new Set(webviewTabs());
  await vscode.commands.executeCommand(commandId(ext, s.command));
  const tab = await until('a webview tab', () => webviewTabs().find((t) => !before.has(t)), { timeout: 20000 })
    .catch(() => assert.fail(`'${s.command}' opened no webview; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`));
  assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview is not beside the record');
  // The webview's content is not reachable through the API (the code-server
  // suite reads it); here: the edit is accepted while the preview is open.
  try {
    await replaceLine(doc, s.edit.line, s.edit.lineText, s.edit.replaceLineWith);
  } finally {
    await revert(doc);
  }
});

test(scenario('overview').title, async () => {
  const s = scenario('overview');
  const before = new Set(webviewTabs());
  await vscode.commands.executeCommand(commandId(ext, s.command));
  await until('the overview webview tab', () => webviewTabs().find((t) => !before.has(t)), { timeout: 20000 })
    .catch(() => assert.fail(`'${s.command}' opened no webview`));
});

test(scenario('disk-change').title, async () => {
  const s = scenario('disk-change');
  const { doc } = await open(s.file);
  assert.equal(doc.lineAt(s.line - 1).text, s.lineText, `line ${s.line} of ${s.file}`);
  const copy = path.join(workspaceDir(), s.copyTo);
  const flagged = () => vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === s.code && d.range.start.line === s.line - 1);
  try {
    // Another program writes the file: not through VS Code, so only the file watcher can tell the server.
    fs.copyFileSync(doc.uri.fsPath, copy);
    await until(`a ${s.code} diagnostic at line ${s.line} of ${s.file}`, flagged, { timeout: 30000 });
    fs.unlinkSync(copy);
    await until(`the ${s.code} diagnostic to go once ${s.copyTo} is deleted`, () => !flagged(), { timeout: 30000 });
  } finally {
    fs.rmSync(copy, { force: true });
  }
});

test(scenario('draft-from-article').title, async () => {
  const s = scenario('draft-from-article');
  const first = uriOf(s.expectFile);
  const second = uriOf(s.expectSecondFile);
  const activeIs = (uri) => vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.fsPath === uri.fsPath;
  try {
    // As a person runs it: the article is the active editor, the command takes its text.
    await open(s.article);
    const created = await vscode.commands.executeCommand(commandId(ext, s.command));
    assert.equal(created && created.fsPath, first.fsPath, 'the command names the file it wrote');
    await until(`${s.expectFile} to be the active editor`, () => activeIs(first), { timeout: 20000 });
    const written = fs.readFileSync(first.fsPath, 'utf8');
    const mechanisms = [...written.matchAll(/^mechanism: (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(mechanisms, s.expectMechanisms, 'one record per meeting the article reports');
    assert.match(written, new RegExp(`^  article: ${path.basename(s.article).replace('.', '\\.')}$`, 'm'));
    const doc = vscode.window.activeTextEditor.document;
    assert.equal(doc.languageId, SCENARIOS.extension.languageId);
    // Hover on a drafted partner: the sentence of the article it came from.
    const line = written.split('\n').findIndex((l) => l.startsWith(s.hoverLinePrefix));
    assert.ok(line >= 0, `no line starting '${s.hoverLinePrefix}' in ${s.expectFile}`);
    const pos = new vscode.Position(line, written.split('\n')[line].indexOf(s.hoverToken) + 1);
    let text = '';
    await until(`the evidence in the hover on '${s.hoverToken}'`, async () => {
      text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
      return containsAny(text, s.hoverAny);
    }, { timeout: 20000, interval: 500 }).catch(() => assert.fail(`hover on '${s.hoverToken}' reads ${JSON.stringify(text)}; expected one of ${JSON.stringify(s.hoverAny)}`));
    // The draft is grounded in its article and valid: no error, no not-in-article.
    const bad = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error || codeOf(d) === 'not-in-article');
    assert.deepEqual(bad.map(describeDiag), []);
    // Again: the first file is kept as it is, the draft goes to the next free name.
    await open(s.article);
    const again = await vscode.commands.executeCommand(commandId(ext, s.command));
    assert.equal(again && again.fsPath, second.fsPath);
    assert.equal(fs.readFileSync(first.fsPath, 'utf8'), written, 'the first draft was overwritten');
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [first, second]) fs.rmSync(uri.fsPath, { force: true });
  }
});

test(scenario('status-bar').title + ' (API: the diagnostics it counts)', async () => {
  // The status bar item is not readable through the API; the code-server
  // suite reads it. Here: the counts it shows come from these diagnostics.
  const s = scenario('status-bar');
  for (const c of s.cases) {
    const { doc } = await open(c.file);
    if (c.apiErrorsAtLeast !== undefined) {
      await until(`${c.apiErrorsAtLeast}+ errors in ${c.file}`, () =>
        vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length >= c.apiErrorsAtLeast, { timeout: 30000 });
    }
    if (c.apiProblems !== undefined) {
      assert.equal(vscode.languages.getDiagnostics(doc.uri).length, c.apiProblems, `problems in ${c.file}`);
    }
  }
});

/** The ids of the records (one per YAML document) in these files, as `yaml` reads them. */
function idsOf(files) {
  const YAML = require('yaml');
  return files
    .flatMap((file) => YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()))
    .filter((v) => v && typeof v === 'object')
    .map((v) => v.id);
}

const idsIn = (folders) => idsOf(folders.flatMap((f) => recordFiles(path.join(workspaceDir(), f))));

test(scenario('export').title + ' (API: the command with its answers as arguments)', async () => {
  const s = scenario('export');
  const id = commandId(ext, s.command);
  const brokenIds = idsOf([path.join(workspaceDir(), s.broken)]).filter(Boolean);
  // One folder, in another format: every seed record becomes one calendar event.
  const seedIds = idsIn([s.seeds.folder]);
  const seedTarget = uriOf(s.seeds.target);
  const seedOutcome = await vscode.commands.executeCommand(id, s.seeds.format, seedTarget, { sources: [uriOf(s.seeds.folder)] });
  assert.deepEqual(seedOutcome, { target: seedTarget.toString(), records: seedIds.length, skipped: 0 });
  const ics = fs.readFileSync(seedTarget.fsPath, 'utf8').replace(/\r\n[ \t]/g, '');
  const uids = [...ics.matchAll(/^UID:(.*)$/gm)].map((m) => m[1].trim());
  assert.deepEqual(uids.sort(), seedIds.map((i) => `${i}@meeting-records`).sort());

  // The whole workspace holds a record with errors: nothing is written unless that is allowed.
  const target = uriOf(s.target);
  fs.rmSync(target.fsPath, { force: true });
  assert.equal(await vscode.commands.executeCommand(id, s.format, target), undefined);
  assert.equal(fs.existsSync(target.fsPath), false, 'an export with errors was written without being allowed');
  const outcome = await vscode.commands.executeCommand(id, s.format, target, { allowErrors: true });
  const expected = idsIn(s.recordsFrom);
  assert.ok(outcome && outcome.skipped >= 1, `the broken record is left out: ${JSON.stringify(outcome)}`);
  assert.equal(outcome.records, expected.length);
  const csv = fs.readFileSync(target.fsPath, 'utf8');
  assert.equal(csv.charCodeAt(0), 0xfeff, 'UTF-8 with a BOM');
  const rows = csv.slice(1).split('\r\n').filter(Boolean).map((line) => line.split(',')[0]);
  assert.equal(rows[0], 'id');
  assert.deepEqual(rows.slice(1).sort(), [...expected].sort());
  for (const b of brokenIds) assert.ok(!rows.includes(b), `${b} (broken) is not exported`);
});

test(scenario('locale-vi').title, async () => {
  const s = scenario('locale-vi');
  const config = () => vscode.workspace.getConfiguration(s.setting.section);
  const { doc } = await open(s.file);
  const missing = () => {
    const diags = vscode.languages.getDiagnostics(doc.uri);
    return s.problems.filter((p) => !diags.some((d) => d.range.start.line === p.line - 1 && codeOf(d) === p.code &&
      d.severity === SEVERITY[p.severity] && d.message.includes(p.messageIncludes)));
  };
  // The setting as a person sets it (user settings): the extension restarts its server in that language.
  await config().update(s.setting.key, s.setting.value, vscode.ConfigurationTarget.Global);
  try {
    await until(`the problems of ${s.file} in Vietnamese`, () => missing().length === 0, { timeout: 60000 })
      .catch(() => assert.fail(`${s.file}: missing ${JSON.stringify(missing())}; VS Code has: ${vscode.languages.getDiagnostics(doc.uri).map(describeDiag).join(' | ')}`));
    const h = s.hover;
    const { doc: record } = await open(h.file);
    assert.equal(record.lineAt(h.line - 1).text, h.lineText);
    const pos = new vscode.Position(h.line - 1, h.lineText.indexOf(h.token) + 1);
    let text = '';
    await until(`a Vietnamese hover on '${h.token}'`, async () => {
      text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', record.uri, pos));
      return containsAny(text, h.any);
    }, { timeout: 20000, interval: 500 }).catch(() => assert.fail(`hover on '${h.token}' reads ${JSON.stringify(text)}; expected one of ${JSON.stringify(h.any)}`));
  } finally {
    await config().update(s.setting.key, undefined, vscode.ConfigurationTarget.Global);
  }
  // Back to the default: English again, the same codes.
  const r = s.afterReset;
  await open(s.file);
  await until('the problems in English again', () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.range.start.line === r.line - 1 && codeOf(d) === r.code && d.message.includes(r.messageIncludes)), { timeout: 60000 })
    .catch(() => assert.fail(`after resetting ${s.setting.section}.${s.setting.key}: ${vscode.languages.getDiagnostics(doc.uri).map(describeDiag).join(' | ')}`));
});

async function run() {
  const results = [];
  console.log(`[e2e] ${tests.length} scenarios, workspace ${workspaceDir()}`);
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.fn();
      results.push({ name: t.name, ok: true, ms: Date.now() - t0 });
      console.log(`[e2e] ok - ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      results.push({ name: t.name, ok: false, ms: Date.now() - t0, error: e.message });
      console.log(`[e2e] not ok - ${t.name}\n${String(e.stack || e).split('\n').map((l) => `    ${l}`).join('\n')}`);
      if (t.name.startsWith('setup:')) break;
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  const notRun = tests.length - results.length;
  console.log(`[e2e] ${passed} passed, ${failed} failed${notRun ? `, ${notRun} not run` : ''}`);
  if (process.env.E2E_RESULTS) fs.writeFileSync(process.env.E2E_RESULTS, JSON.stringify({ passed, failed, notRun, results }, null, 2));
  if (failed || notRun) throw new Error(`${failed + notRun} of ${tests.length} end-to-end scenarios failed`);
}

module.exports = { run, tests };

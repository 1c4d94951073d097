// Small repositories of meeting records for the parity tests: everything
// that decides which files are judged and how (ignore files, workspace
// catalogs, encodings, several records in one file, symlinks, files nobody
// may read), written from a plain description so a property test can draw
// one at random.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seedDocuments } from '../cli/helpers.mjs';

const SEEDS = seedDocuments().map((doc) => doc.replace(/^#.*\n/gm, ''));

/** A seed record under another id, optionally broken in one of the ways records break. */
export function record(seed, id, flaw = 'none') {
  let text = SEEDS[seed % SEEDS.length].replace(/^id: .*$/m, `id: ${id}`);
  if (flaw === 'alias') text = withChair(text, 'Việt Nam');
  if (flaw === 'unknown-party') text = withChair(text, 'Atlantis');
  if (flaw === 'workspace-party') text = withChair(text, 'Wakanda');
  if (flaw === 'schema') text = text.replace(/^level: .*$/m, 'level: nope');
  if (flaw === 'yaml') text = `${text}broken: [unclosed\n`;
  if (flaw === 'quote') text = text.replace(/^title: .*$/m, 'title: "never closed');
  return text;
}

/** The record chaired by `party`, whether or not it named a chair. */
function withChair(text, party) {
  return /^chair: /m.test(text) ? text.replace(/^chair: .*$/m, `chair: ${party}`) : text.replace(/^(level: .*)$/m, `$1\nchair: ${party}`);
}

export const FLAWS = ['none', 'alias', 'unknown-party', 'workspace-party', 'schema', 'yaml', 'quote'];

const catalogDefining = (name) => `parties:\n  - name: ${name}\n    kind: asean-member\n    summary: A party only this workspace's catalog knows.\n`;

/**
 * Writes a repository. `spec.files` entries:
 *   { path, text }                      a file (UTF-8)
 *   { path, bytes }                     a file of raw bytes
 *   { path, link }                      a symbolic link to `link` (relative to the link's folder)
 *   { path, text, mode }                a file with that mode (0 for nobody may read it)
 *   { dir, mode }                       a folder with that mode
 * `spec.gitignore`: lines of the top .gitignore. The folder is a git work tree (a `.git` folder marks its top).
 */
export function writeRepo(root, spec) {
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
  if (spec.gitignore) fs.writeFileSync(path.join(root, '.gitignore'), `${spec.gitignore.join('\n')}\n`);
  const modes = [];
  for (const entry of spec.files) {
    const target = path.join(root, entry.path ?? entry.dir);
    fs.mkdirSync(entry.dir ? target : path.dirname(target), { recursive: true });
    if (entry.link !== undefined) fs.symlinkSync(entry.link, target);
    else if (entry.bytes !== undefined) fs.writeFileSync(target, entry.bytes);
    else if (entry.text !== undefined) fs.writeFileSync(target, entry.text);
    if (entry.mode !== undefined) modes.push([target, entry.mode]);
  }
  // Modes last: a folder nobody may enter must be filled first.
  for (const [target, mode] of modes.reverse()) fs.chmodSync(target, mode);
  return root;
}

/** Gives modes back so the folder can be removed. */
export function openAll(root) {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isSymbolicLink()) continue;
    fs.chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
    if (entry.isDirectory()) openAll(full);
  }
}

/** The repository of the issue, and then some: every case the editor and the CLI once judged differently. */
export function knownRepo() {
  const copy = record(0, 'r-shared-id');
  return {
    gitignore: ['drafts/', '*.tmp.meeting.yaml', '!keep.tmp.meeting.yaml'],
    files: [
      { path: 'records/a.meeting.yaml', text: copy },
      { path: 'records/alias.meeting.yaml', text: record(1, 'r-alias', 'alias') },
      { path: 'records/uses-ignored-catalog.meeting.yaml', text: record(2, 'r-atlantis', 'unknown-party') },
      { path: 'records/uses-workspace-catalog.meeting.yaml', text: record(3, 'r-wakanda', 'workspace-party') },
      { path: 'records/latin1.meeting.yaml', bytes: Buffer.from(record(4, 'r-latin1').replace(/^title: .*$/m, 'title: caf\u00e9'), 'latin1') },
      { path: 'records/bom.meeting.yaml', text: `\uFEFF${record(5, 'r-bom', 'schema')}` },
      { path: 'records/multi.meeting.yaml', text: `${record(6, 'r-multi-1')}---\n${record(7, 'r-multi-2', 'alias')}---\n${record(8, 'r-shared-id')}` },
      { path: 'records/short.meeting.yml', text: record(9, 'r-yml', 'schema') },
      { path: 'records/broken.meeting.yaml', text: record(10, 'r-broken', 'yaml') },
      { path: 'records/quote.meeting.yaml', text: record(11, 'r-quote', 'quote') },
      { path: 'records/scratch.tmp.meeting.yaml', text: record(1, 'r-ignored-by-pattern') },
      { path: 'records/keep.tmp.meeting.yaml', text: record(1, 'r-kept-by-negation', 'alias') },
      { path: 'catalogs/local.catalog.yaml', text: catalogDefining('Wakanda') },
      { path: 'drafts/copy.meeting.yaml', text: copy },
      { path: 'drafts/extra.catalog.yaml', text: catalogDefining('Atlantis') },
      { path: 'links/same.meeting.yaml', link: '../records/a.meeting.yaml' },
      { path: 'links/outside.meeting.yaml', link: '/etc/hostname' },
      { path: 'links/broken.meeting.yaml', link: 'nowhere.meeting.yaml' },
      { path: 'locked/secret.meeting.yaml', text: record(2, 'r-secret'), mode: 0 },
      { dir: 'sealed', mode: 0 },
      { path: 'sealed/inside.meeting.yaml', text: record(3, 'r-sealed') },
      { path: 'node_modules/pkg/x.meeting.yaml', text: record(4, 'r-node-modules', 'alias') },
    ],
  };
}

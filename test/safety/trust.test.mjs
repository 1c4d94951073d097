// Issue 8, workspace trust (limited support): in an untrusted workspace the
// workspace's own catalog files and the file globs and catalog paths from
// workspace settings are ignored. Three layers, each tested where it lives:
// the manifest declares it, the client drops the workspace values before they
// reach the server (client/src/config.ts, run here against a stand-in for the
// `vscode` module), and the server ignores workspace catalogs when told the
// workspace is untrusted.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { startServer } from './lsp.mjs';
import { ROOT, SERVER, requireBuilt, scratch } from './paths.mjs';
import { loadClientModule } from './vscode-stub.mjs';

describe('workspace trust', () => {
  test('the manifest declares limited support and restricts catalogPaths and recordGlobs', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['meetingRecords.catalogPaths', 'meetingRecords.recordGlobs']);
    // The description is a package.nls.json key (%key%), as every contributed string is.
    const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));
    const description = untrusted.description.replace(/^%(.+)%$/, (_, key) => nls[key] ?? untrusted.description);
    assert.match(description, /catalog/i);
  });

  test('client: in an untrusted workspace, catalogPaths and recordGlobs from workspace settings never reach the server; user settings still do', (t) => {
    const { module: config, state } = loadClientModule(t, 'client/src/config.ts');
    state.values = {
      'meetingRecords.catalogPaths': { globalValue: ['/home/me/shared.catalog.yaml'], workspaceValue: ['../../etc/evil.catalog.yaml'], workspaceFolderValue: ['/tmp/evil.catalog.yaml'] },
      'meetingRecords.recordGlobs': { defaultValue: ['**/*.meeting.yaml', '**/*.meeting.yml'], workspaceValue: ['/**/*'] },
      'meetingRecords.maxFileSize': { workspaceValue: 5000 },
    };
    state.trusted = false;
    const untrusted = config.readServerSettings(undefined);
    assert.deepEqual(untrusted.catalogPaths, ['/home/me/shared.catalog.yaml']);
    assert.deepEqual(untrusted.recordGlobs, ['**/*.meeting.yaml', '**/*.meeting.yml']);
    assert.equal(untrusted.maxFileSize, 5000, 'harmless workspace settings still apply');
    state.trusted = true;
    const trusted = config.readServerSettings(undefined);
    assert.deepEqual(trusted.catalogPaths, ['/tmp/evil.catalog.yaml'], 'a trusted workspace decides for itself');
    assert.deepEqual(trusted.recordGlobs, ['/**/*']);
  });

  test('server: a workspace catalog is used when trusted and ignored when the client says the workspace is untrusted', async (t) => {
    requireBuilt(SERVER);
    const dir = scratch(t);
    writeFileSync(join(dir, 'atlantis.catalog.yaml'), 'parties:\n  - name: Atlantis\n    kind: asean-member\n');
    const text = 'version: 1\nid: 2024-07-26-safety-trust\ntitle: Trust\nmechanism: ASEAN+3\nlevel: ministerial\ndate: 2024-07-26\nchair: Atlantis\nsource:\n  publisher: VOV\n';
    const file = join(dir, 'r.meeting.yaml');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const codes = async (workspaceTrusted) => {
      const server = await startServer({ workspace: dir, initializationOptions: { workspaceTrusted } });
      try {
        await server.request('meetingRecords/validateWorkspace', null, 30_000);
        return (await server.open(uri, text)).map((d) => d.code);
      } finally {
        await server.stop();
      }
    };
    assert.deepEqual(await codes(true), [], 'trusted: the workspace catalog teaches Atlantis');
    assert.deepEqual(await codes(false), ['unknown-party'], 'untrusted: the workspace catalog is not read');
  });
});

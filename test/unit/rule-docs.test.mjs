// Every rule code a user can meet is documented where they look: a README
// section (linked from diagnostics as #rule-CODE), a severity setting in
// package.json, and the CLI's --severity list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const core = createRequire(import.meta.url)('../../dist/core.js');
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
// Contributions are `%key%` placeholders, their English in package.nls.json (issue 17).
const nls = JSON.parse(readFileSync(new URL('../../package.nls.json', import.meta.url), 'utf8'));
const english = (text) => text.replace(/^%([^%]+)%$/, (whole, key) => nls[key] ?? whole);
const configuration = [manifest.contributes.configuration].flat();
const severity = configuration.map((c) => c.properties['meetingRecords.severity']).find(Boolean);

for (const code of core.RULE_CODES) {
  test(`rule '${code}': a README section with its default severity, and a severity setting`, () => {
    const heading = new RegExp(`<a id="rule-${code}"></a>\\n#{3,4} \`${code}\` \\((\\w+)\\)`);
    const match = heading.exec(README);
    assert.ok(match, `README has no section for '${code}'`);
    assert.equal(match[1], core.DEFAULT_SEVERITY[code], `README states the default severity of '${code}'`);
    const setting = severity.properties[code];
    assert.ok(setting, `package.json meetingRecords.severity has no '${code}'`);
    assert.match(english(setting.markdownDescription), new RegExp(`Default: \`${core.DEFAULT_SEVERITY[code]}\``));
  });
}

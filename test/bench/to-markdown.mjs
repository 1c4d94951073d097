#!/usr/bin/env node
// Renders a benchmark report (the JSON `run.mjs` prints) as the Markdown
// tables of docs/bench.md, so the document is generated, never retyped:
//
//   npm run bench > /tmp/bench.json && node test/bench/to-markdown.mjs /tmp/bench.json
//
// Prints to stdout; the caller pastes or redirects it.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node test/bench/to-markdown.mjs REPORT.json\n');
  process.exit(2);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const out = [];
const ran = (x) => Boolean(x) && typeof x === 'object' && !x.error && !x.skipped;
const ms = (x) => (typeof x === 'number' ? `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en')} ms` : '—');
const times = (x) => (typeof x === 'number' ? `${x}×` : '—');
const pair = (s) => (s ? `${ms(s.median)} / ${ms(s.p95)}` : '—');

const m = r.machine;
out.push(`Measured ${r.date.slice(0, 10)} (${r.mode} run, ${Math.round(r.durationMs / 1000)} s) on: ${m.nproc} CPUs (${m.cpu}), ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.platform}. Load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${(m.loadAverageAtEnd ?? []).join(' / ')}.`);
// Judged by the load at the start: the benchmark's own servers and CLI runs raise it by the end.
out.push('');
if (m.loadAverageAtStart[0] > 1) {
  out.push(`The machine was not idle (1-minute load average above 1 on ${m.nproc} CPUs when the run began): wall times include waiting for the CPU. The CPU columns are less affected.`);
  out.push('');
}
out.push(`Versions: meeting-records ${r.versions.meetingRecords}, yaml-language-server ${r.versions.yamlLanguageServer}, ajv-cli ${r.versions.ajvCli} (ajv ${r.versions.ajv}, js-yaml ${r.versions.jsYamlUsedByAjvCli}).`);
out.push('');

const ours = r.editor?.ours;
const yls = r.editor?.yamlLanguageServer;
if (ran(ours)) {
  out.push('### Editor: change → diagnostics, completion, hover (over stdio)');
  out.push('');
  out.push(`Median / p95 of ${r.config.edits} keystrokes or requests per case (after ${r.config.warmup} untimed ones). × is how many times faster ours is (medians).`);
  out.push('');
  out.push('| input | edit → diagnostics, ours | yaml-language-server | × | completion, ours | yaml-language-server | × | hover, ours | yaml-language-server |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  for (const [key, input] of Object.entries(r.editor.inputs)) {
    const y = ran(yls) ? yls : undefined;
    out.push(
      `| ${input.description} | ${pair(ours.editToDiagnostics[key])} | ${pair(y?.editToDiagnostics[key])} | ${times(r.editor.ratios?.editToDiagnostics?.[key])} | ${pair(ours.completion[key])} | ${pair(y?.completion[key])} | ${times(r.editor.ratios?.completion?.[key])} | ${ms(ours.hover[key]?.median)} | ${ms(y?.hover[key]?.median)} |`,
    );
  }
  out.push('');
  out.push(`JSON-RPC round trip (an unknown method, answered at once): ours ${ms(ours.roundTripFloor?.median)}, yaml-language-server ${ms(ran(yls) ? yls.roundTripFloor?.median : undefined)}. yaml-language-server waits 200 ms before validating (its fixed \`validationDelayMs\`); that wait is part of what its users feel and is included above.`);
  out.push('');
}

const ws = r.workspace;
if (ran(ws)) {
  out.push('### Workspace start-up');
  out.push('');
  out.push('| files | indexed (spawn → indexing done) | server CPU by then (all threads) | RSS after | keystroke → diagnostics while indexing (median / p95) |');
  out.push('|---|---|---|---|---|');
  out.push(`| ${ws.files.toLocaleString('en')} | ${ms(ws.indexMs)} | ${ms(ws.serverCpuMs)} | ${ws.rssMB} MB | ${pair(ws.editDuringIndexing)} |`);
  out.push('');
}

const cli = r.cli;
if (ran(cli?.ours)) {
  out.push(`### CLI: \`validate\` on ${cli.files.toLocaleString('en')} record files`);
  out.push('');
  out.push('| run | wall (median) | CPU (user + system) | exit |');
  out.push('|---|---|---|---|');
  out.push(`| \`meeting-records validate\`, cold | ${ms(cli.ours.cold.median)} | ${ms(cli.ours.cold.cpuMs)} | ${cli.ours.cold.exitCode} |`);
  out.push(`| \`meeting-records validate --cache\`, warm | ${ms(cli.ours.warm.median)} | ${ms(cli.ours.warm.cpuMs)} | ${cli.ours.warm.exitCode} |`);
  if (ran(cli.ajvCli)) out.push(`| \`ajv validate\` (ajv-cli, schema only) | ${ms(cli.ajvCli.median)} | ${ms(cli.ajvCli.cpuMs)} | ${cli.ajvCli.exitCode} |`);
  out.push('');
  const res = cli.ours.results;
  out.push(`Ours found ${res.errors} errors and ${res.warnings} warnings (${Object.entries(res.byCode).map(([c, n]) => `${n} ${c}`).join(', ')}), the flaws the corpus was generated with; the cached run's JSON output is ${res.identicalWithCache ? 'byte-identical to' : 'DIFFERENT from'} the uncached one.`);
  if (ran(cli.ajvCli)) out.push(`ajv-cli reported ${cli.ajvCli.filesReportedInvalid} of ${cli.files} files invalid: ${cli.ajvCli.note}`);
  out.push('');
}

out.push('### Targets (issue 7)');
out.push('');
out.push('| target | measured | result |');
out.push('|---|---|---|');
for (const t of Object.values(r.targets)) out.push(`| ${t.target} | ${t.value ?? '—'} | ${t.pass === true ? 'pass' : t.pass === false ? '**fail**' : 'not measured'} |`);
out.push('');
process.stdout.write(`${out.join('\n')}\n`);

import { startServer } from './lsp.mjs';
const s = await startServer();
const n = +process.argv[2];
const text = 'a: 1\n---\n'.repeat(n);
const uri = 'file:///x/many.meeting.yaml';
const t = Date.now();
const timer = setInterval(() => console.log('  ', Date.now() - t, 'ms', JSON.stringify(s.memory()), s.exit), 5000);
try { const d = await s.open(uri, text, { timeoutMs: 300000 }); console.log('open', Date.now() - t, d.length, s.memory()); }
catch (e) { console.log('FAILED', e.message.slice(0, 500)); }
clearInterval(timer);
console.log('exit', s.exit, s.stderr.slice(-1000));
await s.stop();

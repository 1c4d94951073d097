// Preload for CLI runs in the safety tests: on exit, appends this process's
// peak resident set size (MB) to the file named by SAFETY_RSS_FILE, so a test
// can bound the memory a hostile file cost without racing the process's end.
'use strict';
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const file = process.env.SAFETY_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    try {
      fs.appendFileSync(file, `${process.resourceUsage().maxRSS / 1024}\n`);
    } catch {
      // The measurement must never change the outcome.
    }
  });
}

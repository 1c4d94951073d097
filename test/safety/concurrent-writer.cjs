// Preload that plays "another program saving the file" inside a CLI run, at
// the worst moment: when the CLI opens its temporary file to write the fixed
// text (after it read and fixed the original, before it checks and renames).
//   SAFETY_RACE_FILE   the record the other program writes
//   SAFETY_RACE_MODE   'write' (new content), 'same-size' (same length and
//                      mtime, other bytes) or 'delete' (the file vanishes)
//   SAFETY_RACE_TEXT   the other program's content
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const target = process.env.SAFETY_RACE_FILE && path.resolve(process.env.SAFETY_RACE_FILE);
if (target) {
  const mode = process.env.SAFETY_RACE_MODE || 'write';
  const text = process.env.SAFETY_RACE_TEXT || '';
  const openSync = fs.openSync;
  let done = false;
  fs.openSync = function patchedOpenSync(file, flags, ...rest) {
    const name = String(file);
    if (!done && path.dirname(path.resolve(name)) === path.dirname(target) && name.endsWith('.tmp') && String(flags).includes('w')) {
      done = true;
      if (mode === 'delete') {
        fs.unlinkSync(target);
      } else if (mode === 'same-size') {
        const before = fs.statSync(target);
        const old = fs.readFileSync(target);
        const other = Buffer.from(old.toString('latin1').replace(/[a-z]/, (c) => (c === 'z' ? 'y' : String.fromCharCode(c.charCodeAt(0) + 1))), 'latin1');
        fs.writeFileSync(target, other);
        fs.utimesSync(target, before.atime, before.mtime);
        fs.appendFileSync(`${target}.race-log`, `same-size ${other.length === old.length}\n`);
      } else {
        fs.writeFileSync(target, text);
      }
      fs.appendFileSync(`${target}.race-log`, `raced at ${name}\n`);
    }
    return openSync.call(this, file, flags, ...rest);
  };
}

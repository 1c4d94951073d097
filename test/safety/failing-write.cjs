// Preload that plays a full disk inside a CLI run: the first ftruncate of
// the file named by SAFETY_FAIL_TRUNCATE (after the new bytes went in, while
// the file is written in place) fails with ENOSPC, so the test can see that
// the old text is put back. Later calls pass, as space would free up.
'use strict';
const fs = require('node:fs');

const target = process.env.SAFETY_FAIL_TRUNCATE;
if (target) {
  const ftruncateSync = fs.ftruncateSync;
  let failed = false;
  fs.ftruncateSync = function patchedFtruncateSync(fd, ...rest) {
    if (!failed) {
      const open = fs.fstatSync(fd);
      const named = fs.statSync(target);
      if (open.ino === named.ino && open.dev === named.dev) {
        failed = true;
        throw Object.assign(new Error(`ENOSPC: no space left on device, ftruncate`), { code: 'ENOSPC', errno: -28, syscall: 'ftruncate' });
      }
    }
    return ftruncateSync.call(this, fd, ...rest);
  };
}

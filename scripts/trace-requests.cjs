// Preloaded into the language server (`GT_SERVER_NODE_ARGS="-r ./scripts/trace-requests.cjs
// --cpu-prof --cpu-prof-dir=<dir>"` while `npm run bench` runs) to say what the slowest requests
// waited for: it stamps when each request's bytes arrive on stdin and when its answer is written
// to stdout, on the clock V8's CPU profiles use, and writes them to <dir>/requests.<pid>.json at
// exit; `node scripts/slow-requests.mjs <dir>` then reads each server's profile between the two.
// Every server the bench starts loads it, the empty one too: the process id tells them apart.
// A preload for `node -r` must be CommonJS: Node's globals are declared for the linter here.
/* global require, process, Buffer */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dirFlag = process.execArgv.find((a) => a.startsWith('--cpu-prof-dir='));
const dir = dirFlag ? dirFlag.slice('--cpu-prof-dir='.length) : process.cwd();
const now = () => Number(process.hrtime.bigint() / 1000n);
const arrived = new Map();
const requests = [];
let pending = Buffer.alloc(0);

process.stdin.on('data', (chunk) => {
  const at = now();
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const headerEnd = pending.indexOf('\r\n\r\n');
    if (headerEnd === -1) return;
    const length = /Content-Length: (\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'));
    const bodyStart = headerEnd + 4;
    if (!length || pending.length < bodyStart + Number(length[1])) return;
    const body = pending.subarray(bodyStart, bodyStart + Number(length[1])).toString('utf8');
    pending = pending.subarray(bodyStart + Number(length[1]));
    try {
      const message = JSON.parse(body);
      if (message.id !== undefined && message.method) arrived.set(message.id, { method: message.method, at });
    } catch {
      // Not ours to judge: the server reports malformed messages itself.
    }
  }
});

const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const text = String(chunk);
  const id = /"id":(\d+)/.exec(text);
  const request = id && !text.includes('"method"') ? arrived.get(Number(id[1])) : undefined;
  if (request) requests.push({ method: request.method, id: Number(id[1]), arrived: request.at, answered: now() });
  return write(chunk, ...rest);
};

process.on('exit', () => {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `requests.${process.pid}.json`), JSON.stringify(requests));
});

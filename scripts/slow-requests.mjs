// The slowest requests of each server traced by `scripts/trace-requests.cjs`, and what the CPU
// profile of that server sampled between each one's arrival and its answer (its functions by self
// time, and the calls they were under). Only document requests (`textDocument/...`): completion,
// hover and the like. Usage: node scripts/slow-requests.mjs <dir> [count]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [dir, count = '5'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/slow-requests.mjs <dir> [count]');
  process.exit(2);
}
const files = readdirSync(dir);
for (const traceFile of files.filter((f) => /^requests\.\d+\.json$/.test(f))) {
  const pid = traceFile.split('.')[1];
  // The main thread's profile (a worker thread's, the watchdog's, has another thread number).
  const profileFile = files.find((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.0.`));
  const requests = JSON.parse(readFileSync(join(dir, traceFile), 'utf8')).filter((r) => r.method.startsWith('textDocument/'));
  if (!profileFile || !requests.length) continue;
  const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const name = (id) => {
    const frame = nodes.get(id).callFrame;
    return `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*\//, '')}:${frame.lineNumber + 1}`;
  };
  const samples = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => samples.push([(t += profile.timeDeltas[i]), id, profile.timeDeltas[i]]));
  console.log(`server ${pid}: ${requests.length} document requests`);
  const slowest = [...requests].sort((a, b) => b.answered - b.arrived - (a.answered - a.arrived)).slice(0, Number(count));
  for (const request of slowest) {
    const self = new Map();
    const under = new Map();
    for (const [at, id, dt] of samples) {
      if (at < request.arrived || at > request.answered) continue;
      self.set(name(id), (self.get(name(id)) ?? 0) + dt);
      const seen = new Set();
      for (let x = id; x !== undefined; x = parent.get(x)) {
        const key = name(x);
        if (!seen.has(key)) under.set(key, (under.get(key) ?? 0) + dt);
        seen.add(key);
      }
    }
    const top = (m, k) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([f, us]) => `${(us / 1000).toFixed(1)} ms ${f}`);
    console.log(`  ${request.method} #${request.id}: ${((request.answered - request.arrived) / 1000).toFixed(1)} ms`);
    console.log(`    self:  ${top(self, 6).join(' | ')}`);
    console.log(
      `    under: ${top(under, 12)
        .filter((l) => !/\(root\)/.test(l))
        .join(' | ')}`,
    );
  }
}

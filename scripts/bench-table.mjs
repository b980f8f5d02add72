// Prints the README's speed table from one `npm run bench -- --json <file>` run:
//   node scripts/bench-table.mjs bench.json
// Every figure comes from that run, with its ratio to the empty server measured beside it.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const columns = Object.keys(results).filter((k) => typeof results[k]?.ours === 'object');
const rows = [
  ['open', 'didOpen → diagnostics'],
  ['edit', 'edit → diagnostics, p50'],
  ['burst', 'burst of 15 keys → diagnostics'],
  ['firstCompletion', 'first completion after didOpen'],
  ['completionP50', 'completion p50'],
  ['completionP95', 'completion p95'],
  ['completionP99', 'completion p99'],
  ['completionMax', 'completion max'],
  ['completionAfterKey', 'completion right after a key, max'],
  ['hoverP50', 'hover p50'],
  ['hoverP95', 'hover p95'],
  ['hoverP99', 'hover p99'],
  ['hoverMax', 'hover max'],
  ['rss', 'server RSS high-water (MB)'],
];
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const lines = [
  `| measure (ms unless noted) | ${columns.join(' | ')} |`,
  `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ...rows.map(
    ([key, label]) =>
      `| ${label} | ${columns
        .map((c) => {
          const { ours, empty } = results[c];
          return `${fmt(ours[key])} (×${(ours[key] / Math.max(empty[key], 0.01)).toFixed(1)})`;
        })
        .join(' | ')} |`,
  ),
];
console.log(lines.join('\n'));
if (results.coldStart) {
  const c = results.coldStart;
  console.log(`\nCold start: ${fmt(c.ours)} ms (empty server ${fmt(c.empty)} ms).`);
  if (c.idleRss !== undefined)
    console.log(
      `Idle server RSS high-water: ${fmt(c.idleRss)} MB (${fmt(c.idleRssOwnWatchdog)} MB with its own watchdog thread; empty server ${fmt(c.emptyIdleRss)} MB).`,
    );
}
if (results.loadBefore !== undefined)
  console.log(`Load average ${results.loadBefore.toFixed(2)} before the run and ${results.loadAfter.toFixed(2)} after, on ${results.cpus} cores.`);
if (results.many) {
  const m = results.many;
  console.log(
    `\n${m.count} templates opened at once: all have diagnostics in ${fmt(m.allOpen)} ms (${m.count} × one alone: ${fmt(m.oneTimesCount)} ms); ` +
      `close all → hover answered in ${fmt(m.closeThenHover)} ms; RSS high-water ${fmt(m.rss)} MB.`,
  );
}

/**
 * Many open editors, over LSP: opening, editing or closing one document costs the same however
 * many are open. Each template is validated a bounded number of times whatever else opens, the
 * workteam that lists them is revalidated in coalesced passes, and "Close All" leaves the server
 * answering.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusFiles } from '../helpers/corpus';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const COUNT = 300;
const WORKTEAM = JSON.stringify(
  {
    WorkteamName: 'reviewers',
    Description: 'Reviewers',
    MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: 'us-east-1_abc', UserGroup: 'g', ClientId: 'c' } }],
  },
  null,
  2,
);
const PRESIGNING =
  '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form><img src="{{ task.input.taskObject | grant_read_access }}"></crowd-form>\n';

/** Resolves once the server has published nothing for half a second. */
async function quiet(client: LspClient): Promise<void> {
  const total = () => [...client.publishCounts.values()].reduce((a, b) => a + b, 0);
  for (let last = -1; last !== total();) {
    last = total();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe(`${COUNT} open templates and a workteam, over LSP`, function () {
  this.timeout(120_000);
  let folder: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-many-'));
    client = await LspClient.start({ rootUri: pathToFileURL(folder).href, settings: { gtTemplates: {} } });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('validates each template a bounded number of times, revalidates the workteam in coalesced passes, and answers after Close All', async () => {
    const corpus = corpusFiles();
    const workteam = pathToFileURL(path.join(folder, 'workteam.json')).href;
    writeFileSync(path.join(folder, 'workteam.json'), WORKTEAM);
    client.open(workteam, 'json', WORKTEAM);
    await client.diagnosticsFor(workteam, 1);

    const templates: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      // Every tenth presigns, so the workteam's cross-file finding changes as they open.
      const text = i % 10 === 0 ? PRESIGNING : readFileSync(corpus[i % corpus.length], 'utf8');
      const file = path.join(folder, `t${i}.liquid.html`);
      writeFileSync(file, text);
      templates.push(pathToFileURL(file).href);
      client.open(templates[i], 'html', text);
    }
    await Promise.all(templates.map((uri) => client.diagnosticsFor(uri, 1)));
    await quiet(client);
    const finding = client.latestFor(workteam)?.diagnostics.find((d) => d.code === 'presign-unrestricted-workteam');
    const listed = Number(/and (\d+) more/.exec(finding ? messageText(finding) : '')?.[1] ?? 0) + 1;
    assert.ok(listed >= COUNT / 10, `the workteam's finding lists ${listed} presigning templates`);

    const counts = templates.map((uri) => client.publishCounts.get(uri) ?? 0);
    assert.ok(Math.max(...counts) <= 2, `a template was published ${Math.max(...counts)} times`);
    const teamPublished = client.publishCounts.get(workteam) ?? 0;
    assert.ok(teamPublished <= 40, `the workteam was published ${teamPublished} times for ${COUNT} templates opened`);

    // An edit to one template that neither changes nor moves a cross-file fact (at its end) publishes that template only.
    const before = new Map(client.publishCounts);
    const edited = templates[10];
    const end = { line: PRESIGNING.split('\n').length - 1, character: 0 };
    const version = client.change(edited, [{ range: { start: end, end }, text: '<!-- reviewed -->' }]);
    await client.diagnosticsFor(edited, version);
    await quiet(client);
    const republished = [...client.publishCounts].filter(([uri, n]) => uri !== edited && n !== before.get(uri)).map(([uri]) => uri);
    assert.deepEqual(republished, []);

    // Close All: every closed document's diagnostics are cleared, none is validated again, and a request is answered.
    for (const uri of templates) client.close(uri);
    const fresh = pathToFileURL(path.join(folder, 'fresh.liquid.html')).href;
    client.open(fresh, 'html', PRESIGNING);
    const hover = await client.hover(fresh, { line: 1, character: 50 });
    assert.match(JSON.stringify(hover), /grant_read_access/);
    await Promise.all(templates.map((uri) => client.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined)));
    const afterClose = templates.map((uri) => client.publishCounts.get(uri)! - (before.get(uri) ?? 0) - (uri === edited ? 1 : 0));
    assert.deepEqual([...new Set(afterClose)], [1], 'each closed template is cleared once and not validated again');
  });
});

/**
 * The server runs its own code once on documents of its own (a template, a policy, a stack)
 * before the editor's first one (`server/src/warmUp.ts`): it must say so, fail nowhere, and
 * leave nothing behind that the user's documents could see.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspClient } from '../helpers/lspClient';

const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';

describe('the warm-up at initialization', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-warm-'));
    client = await LspClient.start({ rootUri: URI.file(folder).toString(), settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs once without a failure, and its documents take no part in the workspace', async () => {
    await client.logged(/^Warmed up in \d+ ms\.$/);
    // Its template presigns and its bucket policy denies outside a CIDR: were either left in the
    // index, this presigning template would be compared with that policy.
    const template = URI.file(path.join(folder, 'task.liquid.html')).toString();
    client.open(template, 'html', `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n</crowd-form>\n`);
    assert.deepEqual(await client.diagnostics(template), []);
    assert.equal(client.logs.filter((l) => /^Warmed up/.test(l)).length, 1);
    assert.deepEqual(
      client.logs.filter((l) => /fail/i.test(l)),
      [],
    );
  });

  it('warms up for stacks too, at the start only, and its stack takes no part either', async () => {
    const first = URI.file(path.join(folder, 'infra', 'a.yaml')).toString();
    client.open(first, 'yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
    assert.deepEqual(await client.diagnostics(first), []);
    const second = URI.file(path.join(folder, 'infra', 'b.yaml')).toString();
    client.open(second, 'yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
    assert.deepEqual(await client.diagnostics(second), []);
    assert.equal(client.logs.filter((l) => /^Warmed up/.test(l)).length, 1);
    // Its stack's bucket policy denies outside a CIDR: left in the index, it would be compared with this presigning template.
    const template = URI.file(path.join(folder, 'other.liquid.html')).toString();
    client.open(template, 'html', `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n</crowd-form>\n`);
    assert.deepEqual(await client.diagnostics(template), []);
    assert.deepEqual(
      client.logs.filter((l) => /fail/i.test(l)),
      [],
    );
  });
});

/**
 * A CloudFormation workteam cannot restrict its presigned URLs (AWS::SageMaker::Workteam has no
 * WorkerAccessConfiguration): an UpdateWorkteam request file beside the template can. Through the
 * real server: the template's finding and the worker template's cross-file finding follow that
 * file, joined by workteam name, and an undecided name gives no finding.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/cfn');
const YAML = readFileSync(path.join(FIXTURES, 'labeling.yaml'), 'utf8');
const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';
const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;
const update = (name: string) =>
  JSON.stringify({ WorkteamName: name, WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } } }, null, 2);

describe('A CloudFormation workteam restricted by an UpdateWorkteam file, over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let root: string;
  let client: LspClient;
  const uri = (name: string) => `${root}/${name}`;
  /** The highlighted texts of one code's findings, in the text they are on. */
  const flagged = (text: string, code: string) => (p: PublishDiagnosticsParams) =>
    p.diagnostics.filter((d: Diagnostic) => d.code === code).map((d) => TextDocument.create('x', 'txt', 1, text).getText(d.range));
  /** Waits until the published findings of `code` on `name` highlight exactly `expected`. */
  async function expectFlagged(name: string, text: string, code: string, expected: string[]): Promise<void> {
    const texts = flagged(text, code);
    const diagnostics = await client.diagnostics(uri(name), (p) => JSON.stringify(texts(p)) === JSON.stringify(expected)).catch(() => undefined);
    assert.deepEqual(
      diagnostics && texts({ uri: uri(name), diagnostics }),
      expected,
      `${code} on ${name}: ${JSON.stringify(texts(client.latestFor(uri(name))!))}`,
    );
  }

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-cfn-update-'));
    root = pathToFileURL(folder).href;
    for (const sub of ['infra', 'templates']) mkdirSync(path.join(folder, sub));
    writeFileSync(path.join(folder, 'infra', 'labeling.yaml'), YAML);
    writeFileSync(path.join(folder, 'templates', 'task.liquid.html'), TEMPLATE);
    client = await LspClient.start({ rootUri: root, settings: { gtTemplates: {} } });
    await client.logged(/^Workspace indexed: 2 templates and JSON files/);
    client.open(uri('infra/labeling.yaml'), 'yaml', YAML);
    client.open(uri('templates/task.liquid.html'), 'html', TEMPLATE);
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports the workteam, on the template and across files, while no UpdateWorkteam file restricts it', async () => {
    await expectFlagged('infra/labeling.yaml', YAML, 'workteam-missing-ip-restriction', ['WorkteamName']);
    await expectFlagged('infra/labeling.yaml', YAML, 'presign-unrestricted-workteam', ['WorkteamName']);
    await expectFlagged('templates/task.liquid.html', TEMPLATE, 'presign-unrestricted-workteam', ['grant_read_access']);
  });

  it('reports nothing once an UpdateWorkteam file enables SourceIp for the same workteam', async () => {
    client.open(uri('infra/update-workteam.json'), 'json', update('labelers'));
    await expectFlagged('infra/labeling.yaml', YAML, 'workteam-missing-ip-restriction', []);
    await expectFlagged('infra/labeling.yaml', YAML, 'presign-unrestricted-workteam', []);
    await expectFlagged('templates/task.liquid.html', TEMPLATE, 'presign-unrestricted-workteam', []);
    await expectFlagged('infra/update-workteam.json', update('labelers'), 'workteam-missing-ip-restriction', []);
  });

  it('reports again when the UpdateWorkteam file names another workteam', async () => {
    client.change(uri('infra/update-workteam.json'), [{ text: update('reviewers') }]);
    await expectFlagged('infra/labeling.yaml', YAML, 'workteam-missing-ip-restriction', ['WorkteamName']);
    await expectFlagged('templates/task.liquid.html', TEMPLATE, 'presign-unrestricted-workteam', ['grant_read_access']);
  });

  it("reports nothing when the template's workteam name is undecided and an UpdateWorkteam file restricts", async () => {
    const imported = YAML.replace('WorkteamName: labelers', 'WorkteamName: !ImportValue TeamName');
    client.change(uri('infra/labeling.yaml'), [{ text: imported }]);
    await expectFlagged('infra/labeling.yaml', imported, 'workteam-missing-ip-restriction', []);
    await expectFlagged('infra/labeling.yaml', imported, 'presign-unrestricted-workteam', []);
    await expectFlagged('templates/task.liquid.html', TEMPLATE, 'presign-unrestricted-workteam', []);
    // Without the file, the same undecided workteam is still one CloudFormation cannot restrict.
    client.change(uri('infra/update-workteam.json'), [{ text: '{}' }]);
    await expectFlagged('infra/labeling.yaml', imported, 'workteam-missing-ip-restriction', ['WorkteamName']);
    await expectFlagged('templates/task.liquid.html', TEMPLATE, 'presign-unrestricted-workteam', ['grant_read_access']);
  });

  it('reads every workteam of a template: the second one, left unrestricted, is reported', async () => {
    const two = `${YAML}  Reviewers:\n    Type: AWS::SageMaker::Workteam\n    Properties:\n      WorkteamName: reviewers\n      Description: Reviewers\n      MemberDefinitions: []\n`;
    client.change(uri('infra/update-workteam.json'), [{ text: update('labelers') }]);
    const version = client.change(uri('infra/labeling.yaml'), [{ text: two }]);
    await client.diagnosticsFor(uri('infra/labeling.yaml'), version);
    await expectFlagged('infra/labeling.yaml', two, 'workteam-missing-ip-restriction', ['WorkteamName']);
    const [diagnostic] = client.latestFor(uri('infra/labeling.yaml'))!.diagnostics.filter((d) => d.code === 'workteam-missing-ip-restriction');
    assert.match(messageText(diagnostic), /^Workteam "reviewers" has no IP restriction/);
    assert.ok(diagnostic.range.start.line > YAML.split('\n').length - 2);
    const onTemplate = await client.diagnostics(uri('templates/task.liquid.html'), (p) => p.diagnostics.some((d) => messageText(d).includes('"reviewers"')));
    const findings = onTemplate.filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.deepEqual(
      findings.map((d) => TextDocument.create('x', 'html', 1, TEMPLATE).getText(d.range)),
      ['grant_read_access'],
    );
    const [finding] = findings;
    assert.match(messageText(finding), /workteam "reviewers" in infra\/labeling\.yaml has no IP restriction/);
    assert.equal(TextDocument.create('x', 'yaml', 1, two).getText(finding.relatedInformation![0].location.range), 'WorkteamName');
    assert.ok(finding.relatedInformation![0].location.range.start.line > YAML.split('\n').length - 2);
  });
});

/**
 * CloudFormation's own file extension, `.template` (YAML or JSON), and `.template.yml`: read from
 * disk by gtlint's folder walk and by the server's index, as `.yaml` and `.json` templates are.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LABELING_YAML_CODES, gtlintFolder } from '../helpers/cloudFormation';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/cfn');
const YAML = readFileSync(path.join(FIXTURES, 'labeling.yaml'), 'utf8');
const CDK = readFileSync(path.join(FIXTURES, 'LabelingStack.template.json'), 'utf8');
const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';
const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;

describe('CloudFormation .template files on disk', function () {
  this.timeout(60_000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-cfn-template-'));
    for (const sub of ['infra', 'cdk', 'templates']) mkdirSync(path.join(folder, sub));
    writeFileSync(path.join(folder, 'infra', 'labeling.template'), YAML);
    writeFileSync(path.join(folder, 'cdk', 'Stack.template'), CDK);
    writeFileSync(path.join(folder, 'cdk', 'Other.template.yml'), YAML.replace('WorkteamName: labelers', 'WorkteamName: reviewers'));
    writeFileSync(path.join(folder, 'templates', 'task.liquid.html'), TEMPLATE);
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('gtlint reads a YAML and a JSON .template file, and a .template.yml, in the folder it is given', () => {
    const run = gtlintFolder(folder);
    const of = run.codesOf;
    assert.equal(run.stderr, '');
    assert.deepEqual(of('infra/labeling.template'), LABELING_YAML_CODES);
    assert.deepEqual(of('cdk/Stack.template'), ['condition-operator-mismatch', 'cors-missing-get', 'interface-endpoint']);
    assert.ok(of('cdk/Other.template.yml').includes('workteam-missing-ip-restriction'));
    assert.deepEqual(of('templates/task.liquid.html'), ['presign-unrestricted-workteam']);
  });

  it('the server indexes a .template file it never opens: a worker template is told about its workteam', async () => {
    const root = pathToFileURL(folder).href;
    const client = await LspClient.start({ rootUri: root, settings: { gtTemplates: {} } });
    try {
      await client.logged(/^Workspace indexed: 4 templates and JSON files/);
      const uri = `${root}/templates/task.liquid.html`;
      client.open(uri, 'html', TEMPLATE);
      const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.filter((d) => d.code === 'presign-unrestricted-workteam').length === 2);
      const findings = diagnostics.filter((d) => d.code === 'presign-unrestricted-workteam');
      assert.deepEqual(
        findings.map((d) => TextDocument.create('x', 'html', 1, TEMPLATE).getText(d.range)),
        ['grant_read_access', 'grant_read_access'],
      );
      const onLabeling = findings.find((d) => messageText(d).includes('infra/labeling.template'))!;
      assert.match(messageText(onLabeling), /workteam "labelers" in infra\/labeling\.template has no IP restriction/);
      const related = onLabeling.relatedInformation![0].location;
      assert.equal(related.uri, `${root}/infra/labeling.template`);
      assert.equal(TextDocument.create('x', 'yaml', 1, YAML).getText(related.range), 'WorkteamName');
      assert.ok(findings.some((d) => messageText(d).includes('workteam "reviewers" in cdk/Other.template.yml')));
    } finally {
      await client.stop();
    }
  });
});

/**
 * CloudFormation templates through the language service: what a template is, its findings as
 * diagnostics, its quick fixes as code actions, and its resources in the cross-file checks.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LABELING_YAML_FINDINGS } from '../../helpers/cloudFormation';
import { generateCloudFormation } from '../../helpers/generate';
import { cloudFormationOf } from '../../../server/src/service/cfn/documents';
import { parseJson } from '../../../server/src/service/json/document';
import { ROOT, SCRIPT, applyEdits, diagnostics, messageText, serviceWith } from '../../helpers/service';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/cfn');
const YAML = fs.readFileSync(path.join(FIXTURES, 'labeling.yaml'), 'utf8');
const CDK = fs.readFileSync(path.join(FIXTURES, 'LabelingStack.template.json'), 'utf8');
const PRESIGNING = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;

function open(name: string, text: string, languageId: string, files: Record<string, string> = {}) {
  const { service } = serviceWith('', { files }, 'empty.html');
  const document = TextDocument.create(`${ROOT}/${name}`, languageId, 1, text);
  service.setDocument(document);
  const seen = service
    .diagnostics(document.uri)
    .map((d) => ({ code: String(d.code), text: document.getText(d.range), message: messageText(d), diagnostic: d }));
  return { service, document, seen };
}

describe('CloudFormation templates in the language service', () => {
  it("reads a new stack in its validation's steps, not when asked which templates read a sample input", () => {
    // The host asks that of every document opened or changed, before it schedules the validation.
    const stepsOfFirstValidation = (askFirst: boolean) => {
      const { service } = serviceWith('');
      const document = TextDocument.create(`${ROOT}/infra/stack.yaml`, 'yaml', 1, generateCloudFormation(30_000));
      service.setDocument(document, { validateNext: true });
      if (askFirst) assert.deepEqual(service.templatesUsingSample(document.uri), []);
      let steps = 0;
      for (const validation = service.diagnosticsSteps(document.uri); !validation.next().done;) steps++;
      return steps;
    };
    const steps = stepsOfFirstValidation(false);
    assert.ok(steps > 10, `${steps} steps`);
    // The parse's steps are all still there: nothing read the stack in one call beforehand.
    assert.equal(stepsOfFirstValidation(true), steps);
  });

  it('completes and explains in a new stack before its first parse, from its text, and leaves the parse to the validation', () => {
    const text = generateCloudFormation(30_000);
    const at = text.indexOf('aws:SourceIp') + 4;
    const stepsOfFirstValidation = (askFirst: boolean) => {
      const { service } = serviceWith('');
      const document = TextDocument.create(`${ROOT}/infra/stack.yaml`, 'yaml', 1, text);
      service.setDocument(document, { validateNext: true });
      if (askFirst) {
        const labels = service.completions(document.uri, document.positionAt(at))?.items.map((i) => i.label) ?? [];
        assert.ok(labels.includes('aws:VpcSourceIp'), labels.join(', '));
        assert.match(JSON.stringify(service.hover(document.uri, document.positionAt(at))), /aws:SourceIp/);
      }
      let steps = 0;
      for (const validation = service.diagnosticsSteps(document.uri); !validation.next().done;) steps++;
      return steps;
    };
    assert.equal(stepsOfFirstValidation(true), stepsOfFirstValidation(false));
  });

  it('tells templates, in YAML and JSON, from other YAML and JSON', () => {
    const { service } = serviceWith('');
    const kind = (name: string, languageId: string, text: string) => {
      const document = TextDocument.create(`${ROOT}/${name}`, languageId, 1, text);
      service.setDocument(document);
      return service.kindOf(document);
    };
    assert.equal(kind('infra/labeling.yaml', 'yaml', YAML), 'cloudformation');
    assert.equal(kind('cdk.out/LabelingStack.template.json', 'json', CDK), 'cloudformation');
    assert.equal(kind('.github/workflows/ci.yml', 'yaml', 'on: [push]\njobs: {}\n'), 'other');
    assert.equal(kind('package.json', 'json', '{"name": "x"}'), 'other');
    assert.equal(kind('policy.json', 'json', '{"Statement": []}'), 'json');
  });

  it('reads a JSON template from the JSON parse the service keeps, without parsing it again', () => {
    const document = TextDocument.create(`${ROOT}/cdk.out/LabelingStack.template.json`, 'json', 1, CDK);
    const json = parseJson(document.uri, CDK, { fileName: 'LabelingStack.template.json' });
    let asked = 0;
    const template = cloudFormationOf(document, () => (asked++, json));
    assert.equal(asked, 1);
    assert.equal(template?.root, json.root);
    assert.ok(template!.resources.length > 0);
  });

  it('knows a template typed in is still one without parsing it again; its validation parses the new version', () => {
    const { service } = serviceWith('');
    const inner = TextDocument.create(`${ROOT}/infra/labeling.yaml`, 'yaml', 1, YAML);
    let reads = 0;
    const document = new Proxy(inner, {
      get(target, key) {
        if (key === 'getText') reads++;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    service.setDocument(document);
    assert.equal(service.kindOf(document), 'cloudformation');
    const before = service.diagnostics(document.uri).length;
    // A keystroke: the editor's document is the same object at a new version.
    TextDocument.update(inner, [{ range: { start: inner.positionAt(0), end: inner.positionAt(0) }, text: '# edited\n' }], 2);
    service.setDocument(document);
    reads = 0;
    assert.equal(service.kindOf(document), 'cloudformation');
    assert.equal(reads, 0);
    assert.equal(service.diagnostics(document.uri).length, before);
    assert.ok(reads > 0);
  });

  it('reports the checks on the YAML spans, with the quick fix in YAML', () => {
    const { service, document, seen } = open('infra/labeling.yaml', YAML, 'yaml');
    assert.deepEqual(
      seen.map((s) => [s.code, s.text]),
      LABELING_YAML_FINDINGS,
    );
    const enumeration = seen.find((s) => s.code === 'invalid-enum-value')!;
    const [action] = service.codeActions(document.uri, enumeration.diagnostic.range, [enumeration.diagnostic]);
    assert.equal(action.title, 'Change to "Allow"');
    const fixed = applyEdits(document, action.edit!.changes![document.uri]);
    assert.ok(fixed.includes('          - Effect: Allow\n            Principal:\n'));
  });

  it("says a CloudFormation workteam's restriction must be set with UpdateWorkteam, and offers no fix", () => {
    const { seen } = open('infra/labeling.yaml', YAML, 'yaml');
    const [team] = seen.filter((s) => s.code === 'workteam-missing-ip-restriction');
    assert.match(
      team.message,
      /^Workteam "labelers" has no IP restriction on presigned URLs, and CloudFormation cannot give it one: AWS::SageMaker::Workteam has no WorkerAccessConfiguration property/,
    );
    assert.match(team.message, /with UpdateWorkteam\.$/);
  });

  it('takes a CloudFormation workteam as restricted by an UpdateWorkteam file for its name, or when a name is undecided', () => {
    const update = (name: string) =>
      JSON.stringify({ WorkteamName: name, WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } } });
    const flagged = (template: string, files: Record<string, string>) =>
      open('infra/labeling.yaml', template, 'yaml', files)
        .seen.filter((s) => s.code === 'workteam-missing-ip-restriction')
        .map((s) => s.text);
    assert.deepEqual(flagged(YAML, { 'update-workteam.json': update('labelers') }), []);
    assert.deepEqual(flagged(YAML, { 'update-workteam.json': update('reviewers') }), ['WorkteamName']);
    const disabled = JSON.stringify({ WorkteamName: 'labelers', WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Disabled' } } } });
    assert.deepEqual(flagged(YAML, { 'update-workteam.json': disabled }), ['WorkteamName']);
    const imported = YAML.replace('WorkteamName: labelers', 'WorkteamName: !ImportValue TeamName');
    assert.deepEqual(flagged(imported, { 'update-workteam.json': update('reviewers') }), []);
    assert.deepEqual(flagged(imported, {}), ['WorkteamName']);
    const onTemplate = (files: Record<string, string>) =>
      diagnostics(PRESIGNING, { files: { 'infra/labeling.yaml': YAML, ...files } }).filter((d) => d.code === 'presign-unrestricted-workteam').length;
    assert.equal(onTemplate({ 'update-workteam.json': update('labelers') }), 0);
    assert.equal(onTemplate({ 'update-workteam.json': update('reviewers') }), 1);
  });

  it("finds an A2I template's bucket among a template's buckets with CORS rules, the second one included", () => {
    const second = (methods: string) =>
      YAML.replace(
        '  Team:\n',
        `  OutputBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: labeling-output\n      CorsConfiguration:\n        CorsRules:\n          - AllowedMethods: [${methods}]\n            AllowedOrigins: ["*"]\n  Team:\n`,
      );
    const a2i = `${SCRIPT}<crowd-form>\n  <crowd-rekognition-detect-moderation-labels src="s3://labeling-output/image.jpg"></crowd-rekognition-detect-moderation-labels>\n</crowd-form>\n`;
    const found = (template: string) => diagnostics(a2i, { files: { 'infra/labeling.yaml': template } }).filter((d) => d.code === 'a2i-bucket-missing-cors');
    const [missing] = found(second('PUT'));
    assert.match(missing.message, /bucket "labeling-output", whose CORS configuration in infra\/labeling\.yaml allows no GET/);
    const related = missing.diagnostic.relatedInformation![0].location.range;
    assert.ok(related.start.line > YAML.split('\n').indexOf('  Team:') - 1);
    assert.deepEqual(found(second('GET')), []);
  });

  it('reports on a CDK-synthesized template', () => {
    const { seen } = open('cdk.out/LabelingStack.template.json', CDK, 'json');
    assert.deepEqual(
      seen.map((s) => [s.code, s.text]),
      [
        ['cors-missing-get', '"CorsRules"'],
        ['condition-operator-mismatch', '"StringNotEquals"'],
        ['interface-endpoint', '"Interface"'],
      ],
    );
  });

  it('joins a worker template that presigns with the CloudFormation workteam, on both files', () => {
    const [onTemplate] = diagnostics(PRESIGNING, { files: { 'infra/labeling.yaml': YAML } }).filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.match(onTemplate.message, /workteam "labelers" in infra\/labeling\.yaml has no IP restriction/);
    assert.match(onTemplate.message, /with UpdateWorkteam \(CloudFormation cannot set it\)\.$/);
    assert.equal(onTemplate.diagnostic.relatedInformation?.[0].location.uri, `${ROOT}/infra/labeling.yaml`);
    assert.equal(onTemplate.diagnostic.relatedInformation?.length, 1);

    const { seen } = open('infra/labeling.yaml', YAML, 'yaml', { 'task.liquid.html': PRESIGNING });
    const onTeam = seen.filter((s) => s.code === 'presign-unrestricted-workteam');
    assert.deepEqual(
      onTeam.map((s) => s.text),
      ['WorkteamName'],
    );
    assert.match(
      onTeam[0].message,
      /^Templates presign S3 URLs for this workteam's tasks \(task\.liquid\.html\).*with UpdateWorkteam once the stack has created it/,
    );
  });

  it("compares a template's bucket policy allow-list with the workforce's CIDRs", () => {
    const workforce = JSON.stringify({ WorkforceName: 'default', SourceIpConfig: { Cidrs: ['198.51.100.0/24'] } }, null, 2);
    const template = YAML.replace('Default: 203.0.113.0/33', 'Default: 203.0.113.0/24').replace('s3:GetObjekt', 's3:GetObject');
    const { seen } = open('infra/labeling.yaml', template, 'yaml', { 'workforce.json': workforce });
    const mismatch = seen.filter((s) => s.code === 'bucket-ip-allowlist-mismatch');
    assert.deepEqual(
      mismatch.map((s) => s.text),
      ['aws:SourceIp'],
    );
    assert.match(
      messageText(mismatch[0].diagnostic),
      /^The workforce in workforce\.json admits workers from 198\.51\.100\.0\/24, outside this aws:SourceIp allow-list/,
    );
    // The allow-list the parameter's default does not decide: nothing to compare.
    const unknown = template.replace('aws:SourceIp: !Ref AllowedCidr', 'aws:SourceIp: !ImportValue OfficeCidr');
    assert.deepEqual(
      open('infra/labeling.yaml', unknown, 'yaml', { 'workforce.json': workforce }).seen.filter((s) => s.code === 'bucket-ip-allowlist-mismatch'),
      [],
    );
  });
});

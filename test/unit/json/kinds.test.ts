import * as assert from 'node:assert/strict';
import { ROOT, jsonDiagnostics, jsonServiceWith, serviceWith } from '../../helpers/service';

function shapeOf(text: string, name = 'config.json', jsonFiles: Record<string, string> = {}) {
  const { service, document } = jsonServiceWith(text, { name, settings: { jsonFiles } });
  return service.jsonParsed(document)?.shape?.id;
}

describe('recognising JSON files', () => {
  it('tells workteam requests and responses apart by content and file name', () => {
    const create = '{"WorkteamName": "t", "Description": "d", "MemberDefinitions": []}';
    assert.equal(shapeOf(create), 'CreateWorkteam');
    assert.equal(shapeOf(create, 'update-team.json'), 'UpdateWorkteam');
    assert.equal(shapeOf('{"WorkteamName": "t", "WorkerAccessConfiguration": {}}'), 'UpdateWorkteam');
    assert.equal(shapeOf('{"WorkteamName": "t", "WorkerAccessConfiguration": {}}', 'create-team.json'), 'CreateWorkteam');
    assert.equal(shapeOf('{"Workteam": {"WorkteamName": "t"}}'), 'DescribeWorkteam');
    assert.equal(shapeOf('{"WorkteamName": "t", "WorkteamArn": "arn"}'), 'Workteam');
  });

  it('recognises a file while a member is still being typed, so completion works in it', () => {
    assert.equal(shapeOf('{"WorkteamName": "t", "MemberDefinitions": }'), 'CreateWorkteam');
    assert.equal(shapeOf('{"Workteam": {"WorkteamName": }}'), 'DescribeWorkteam');
    assert.equal(shapeOf('[{"AllowedOrigins": }]'), 'CorsRules');
  });

  it('recognises workforces, A2I and Ground Truth requests, policies, CORS, endpoints and roles', () => {
    assert.equal(shapeOf('{"WorkforceName": "w", "SourceIpConfig": {"Cidrs": []}}'), 'CreateWorkforce');
    assert.equal(shapeOf('{"WorkforceName": "w", "SourceIpConfig": {"Cidrs": []}}', 'workforce-update.json'), 'UpdateWorkforce');
    assert.equal(shapeOf('{"Workforce": {"WorkforceName": "w"}}'), 'DescribeWorkforce');
    assert.equal(shapeOf('{"FlowDefinitionName": "f", "RoleArn": "r"}'), 'CreateFlowDefinition');
    assert.equal(shapeOf('{"HumanTaskUiName": "u", "UiTemplate": {"Content": ""}}'), 'CreateHumanTaskUi');
    assert.equal(shapeOf('{"LabelingJobName": "j", "HumanTaskConfig": {}}'), 'CreateLabelingJob');
    assert.equal(shapeOf('{"Statement": []}'), 'Policy');
    assert.equal(shapeOf('[{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]'), 'CorsRules');
    assert.equal(shapeOf('{"Bucket": "b", "CORSConfiguration": {"CORSRules": []}}'), 'PutBucketCors');
    assert.equal(shapeOf('{"VpcEndpoints": []}'), 'DescribeVpcEndpoints');
    assert.equal(shapeOf('{"RoleName": "r", "AssumeRolePolicyDocument": "{}"}'), 'CreateRole');
  });

  it('leaves other JSON alone, sample inputs included', () => {
    assert.equal(shapeOf('{"name": "x", "version": "1.0.0"}', 'package.json'), undefined);
    assert.equal(shapeOf('{"compilerOptions": {}}', 'tsconfig.json'), undefined);
    const { service, document } = jsonServiceWith('{"Statement": "not a policy: task data"}', { name: 'task.input.json' });
    assert.equal(service.kindOf(document), 'sample-input');
    assert.deepEqual(service.diagnostics(document.uri), []);
  });

  it('follows gtTemplates.jsonFiles, which can also switch recognition off', () => {
    assert.equal(shapeOf('{}', 'teams/new.json', { 'teams/*.json': 'CreateWorkteam' }), 'CreateWorkteam');
    assert.equal(shapeOf('{"Statement": []}', 'data/p.json', { 'data/**': 'none' }), undefined);
    assert.equal(shapeOf('{"Statement": []}', 'data/p.json', { 'data/**': 'Unknown' }), 'Policy');
  });

  it('recognises files already loaded again when gtTemplates.jsonFiles or the workspace folders change', () => {
    const { service, document } = jsonServiceWith('{"WorkteamName": "t", "Bogus": 1}', { name: 'team.json', files: { 'p.json': '{"Statement": []}' } });
    const policy = service.getDocument(`${ROOT}/p.json`)!;
    assert.equal(service.kindOf(document), 'other');
    assert.equal(service.kindOf(policy), 'json');
    service.configure({ ...service.getSettings(), jsonFiles: { 'team.json': 'CreateWorkteam', 'p.json': 'none' } });
    assert.equal(service.kindOf(document), 'json');
    assert.equal(service.jsonShapeOf(document)?.id, 'CreateWorkteam');
    assert.ok(service.diagnostics(document.uri).some((d) => d.code === 'workteam-missing-ip-restriction'));
    assert.equal(service.kindOf(policy), 'other');
    assert.deepEqual(service.diagnostics(policy.uri), []);
    // The setting is relative to a workspace folder: without one, content decides again.
    service.configure({ ...service.getSettings(), workspaceFolders: [] });
    assert.equal(service.kindOf(document), 'other');
    assert.equal(service.kindOf(policy), 'json');
  });

  it('checks a file set to a shape its content does not have, without failing', () => {
    const seen = jsonDiagnostics('{"name": "x"}', { name: 'odd.json', settings: { jsonFiles: { 'odd.json': 'DescribeWorkteam' } } });
    assert.ok(!seen.some((d) => /check failed/.test(d.message)));
    assert.deepEqual(
      seen.map((d) => d.code),
      ['missing-required-property', 'workteam-missing-ip-restriction', 'unknown-property'],
    );
  });
});

describe('asking whether a document is a template', () => {
  it('answers for a JSON file without parsing it (the host asks on opening, before the validation that parses in slices)', () => {
    const { service, document } = jsonServiceWith('{"Version": "2012-10-17", "Statement": []}', { name: 'bucket.policy.json' });
    assert.equal(service.isTemplate(document.uri), false);
    assert.equal(service.latestJsonTree(document), undefined, 'parsed for the question');
    // The validation parses it and tells its kind.
    service.findings(document.uri);
    assert.ok(service.latestJsonTree(document));
    assert.equal(service.isTemplate(document.uri), false);
  });

  it('tells templates by their name, and by the kind once worked out', () => {
    const { service, document } = serviceWith('<crowd-form></crowd-form>');
    assert.equal(service.isTemplate(document.uri), true);
    service.findings(document.uri);
    assert.equal(service.isTemplate(document.uri), true);
    assert.equal(service.isTemplate(`${ROOT}/missing.liquid.html`), false);
  });
});

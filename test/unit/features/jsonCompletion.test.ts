import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { EditorDocument } from '../../../server/src/editorDocument';
import { mappedCuts } from '../../../server/src/service/features/json';
import { CURSOR, acceptJsonCompletion, applyEdits, jsonCompletionLabels, jsonServiceWith } from '../../helpers/service';

const UPDATE = { name: 'update-workteam.json' };
const access = (inner: string) => `{"WorkteamName": "t", "WorkerAccessConfiguration": ${inner}}`;
const condition = (inner: string) => `{"Statement": [{"Effect": "Deny", "Action": "sagemaker:CreateLabelingJob", "Resource": "*", "Condition": ${inner}}]}`;

describe('JSON completion', () => {
  describe('SageMaker shapes', () => {
    it('walks WorkerAccessConfiguration down to SourceIp / VpcSourceIp and their values', () => {
      assert.deepEqual(jsonCompletionLabels(access('{ █ }'), UPDATE), ['S3Presign']);
      assert.deepEqual(jsonCompletionLabels(access('{ "S3Presign": { █ } }'), UPDATE), ['IamPolicyConstraints']);
      assert.deepEqual(jsonCompletionLabels(access('{ "S3Presign": { "IamPolicyConstraints": { █ } } }'), UPDATE), ['SourceIp', 'VpcSourceIp']);
      assert.deepEqual(jsonCompletionLabels(access('{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": █ } } }'), UPDATE), ['"Disabled"', '"Enabled"']);
    });

    it('inserts the value with the member', () => {
      assert.equal(
        acceptJsonCompletion(access('{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": █ } } }'), '"Enabled"', UPDATE),
        access('{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": "Enabled" } } }'),
      );
      assert.equal(acceptJsonCompletion(access('{ █ }'), 'S3Presign', UPDATE), access('{ "S3Presign": {} }'));
    });

    it('offers the members not written yet, from the SDK shape', () => {
      assert.deepEqual(jsonCompletionLabels('{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": []}, █}'), [
        'CognitoConfig',
        'IpAddressType',
        'OidcConfig',
        'Tags',
        'WorkforceVpcConfig',
      ]);
      const flow = jsonCompletionLabels('{"FlowDefinitionName": "f", "RoleArn": "arn:aws:iam::111122223333:role/R", "HumanLoopConfig": { █ }}');
      assert.deepEqual(flow, [
        'HumanTaskUiArn',
        'PublicWorkforceTaskPrice',
        'TaskAvailabilityLifetimeInSeconds',
        'TaskCount',
        'TaskDescription',
        'TaskKeywords',
        'TaskTimeLimitInSeconds',
        'TaskTitle',
        'WorkteamArn',
      ]);
    });

    it('completes a file that gtTemplates.jsonFiles names, from the first brace', () => {
      const labels = jsonCompletionLabels('{ █ }', { name: 'teams/new.json', settings: { jsonFiles: { 'teams/*.json': 'CreateWorkteam' } } });
      assert.deepEqual(labels, [
        'Description',
        'MemberDefinitions',
        'NotificationConfiguration',
        'Tags',
        'WorkerAccessConfiguration',
        'WorkforceName',
        'WorkteamName',
      ]);
    });
  });

  describe('IAM policies', () => {
    it("offers condition operators, and under each the keys of its family: the statement's actions' keys first, then the global ones", () => {
      const operators = jsonCompletionLabels(condition('{ █ }'));
      assert.ok(['IpAddress', 'NotIpAddress', 'StringEquals', 'ArnLike', 'Null'].every((o) => operators.includes(o)));
      assert.deepEqual(jsonCompletionLabels(condition('{ "NotIpAddress": { █ } }')), ['aws:Ec2InstanceSourcePrivateIPv4', 'aws:SourceIp', 'aws:VpcSourceIp']);
      const strings = jsonCompletionLabels(condition('{ "StringEquals": { █ } }'));
      assert.deepEqual(strings.slice(0, 5), [
        'aws:RequestTag/${TagKey}',
        'aws:ResourceTag/${TagKey}',
        'aws:TagKeys',
        'sagemaker:ResourceTag/${TagKey}',
        'sagemaker:WorkteamType',
      ]);
      assert.ok(strings.includes('aws:SourceVpc') && strings.includes('aws:SourceVpce'));
      assert.ok(!strings.includes('sagemaker:WorkteamArn') && !strings.includes('aws:SourceIp') && !strings.includes('s3:prefix'));
      assert.deepEqual(jsonCompletionLabels(condition('{ "ArnNotLike": { █ } }')), [
        'sagemaker:OutputKmsKeyArn',
        'sagemaker:VolumeKmsKeyArn',
        'sagemaker:WorkteamArn',
        'aws:PrincipalArn',
        'aws:SourceArn',
        'aws:SourceVpcArn',
      ]);
      const prefixed = jsonCompletionLabels(condition('{ "ForAnyValue:StringNotEqualsIfExists": { █ } }'));
      assert.ok(prefixed.includes('sagemaker:WorkteamType') && prefixed.includes('aws:SourceVpce'));
    });

    it('offers the workteam types as values, and a list for IP blocks', () => {
      assert.deepEqual(jsonCompletionLabels(condition('{ "StringEquals": { "sagemaker:WorkteamType": ["█"] } }')), [
        '"private-crowd"',
        '"public-crowd"',
        '"vendor-crowd"',
      ]);
      assert.equal(acceptJsonCompletion(condition('{ "IpAddress": { █ } }'), 'aws:SourceIp'), condition('{ "IpAddress": { "aws:SourceIp": [] } }'));
    });

    it('offers statement elements, effects, actions and the SageMaker service principal', () => {
      assert.deepEqual(jsonCompletionLabels('{"Statement": [{ █ }]}'), [
        'Action',
        'Condition',
        'Effect',
        'NotAction',
        'NotPrincipal',
        'NotResource',
        'Principal',
        'Resource',
        'Sid',
      ]);
      assert.deepEqual(jsonCompletionLabels('{"Statement": [{"Effect": █}]}'), ['"Allow"', '"Deny"']);
      assert.ok(jsonCompletionLabels('{"Statement": [{"Effect": "Allow", "Action": ["█"]}]}').includes('"sagemaker:CreateFlowDefinition"'));
      assert.ok(jsonCompletionLabels('{"Statement": [{"Effect": "Allow", "Principal": {"Service": █}}]}').includes('"sagemaker.amazonaws.com"'));
    });
  });

  it('in a long policy, answers for the statement under the cursor, with ranges in the whole document', () => {
    const statement = (n: number) =>
      `    {"Sid": "S${n}", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.${n}/32"]}}}`;
    const statements = Array.from({ length: 100 }, (_, n) => statement(n));
    statements[60] = '    {"Sid": "Here", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {█}}}';
    const withCursor = `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
    const offset = withCursor.indexOf(CURSOR);
    const { service, document } = jsonServiceWith(withCursor.replace(CURSOR, ''));
    // The checks' tree of this version is what lets completion leave the other statements out.
    service.diagnostics(document.uri);
    const position = document.positionAt(offset);
    const item = service.completions(document.uri, position)!.items.find((i) => i.label === 'aws:VpcSourceIp')!;
    const edit = item.textEdit as TextEdit;
    assert.deepEqual(edit.range.start, position);
    const accepted = applyEdits(document, [{ range: edit.range, newText: edit.newText.replace(/\$\d/g, '') }]);
    assert.ok(accepted.includes('"Condition": {"IpAddress": {"aws:VpcSourceIp": []}}'));
    const keyOffset = document.getText().indexOf('"aws:SourceIp"', document.getText().indexOf('"S80"'));
    const hover = service.hover(document.uri, document.positionAt(keyOffset + 3))!;
    assert.equal(document.getText(hover.range), '"aws:SourceIp"');
    assert.match((hover.contents as { value: string }).value, /public IP address the request comes from/);
  });

  describe('right after an edit, before the next validation parses it', () => {
    const statement = (n: number) =>
      `    {"Sid": "S${n}", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.${n}/32"]}}}`;
    const statements = Array.from({ length: 100 }, (_, n) => statement(n));
    statements[60] = '    {"Sid": "Here", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {}}}';
    const original = `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
    const cursorIn = (text: string) => text.indexOf('{"IpAddress": {') + '{"IpAddress": {'.length;
    const at = (text: string, marker: string) => text.indexOf(marker);
    // Each edit as [offset, removed length, inserted text], in the original text.
    const edits: [string, (text: string) => [number, number, string]][] = [
      ['typing in a statement above the cursor', (t) => [at(t, '"S10"') + 2, 0, 'xyz']],
      ['typing in a statement below the cursor', (t) => [at(t, '"S90"') + 2, 0, 'xyz']],
      ['typing in the statement under the cursor', (t) => [at(t, '"Here"') + 2, 0, 'x']],
      ['deleting a statement above the cursor', (t) => [at(t, '    {"Sid": "S20"'), statement(20).length + 2, '']],
      ['breaking the structure above the cursor', (t) => [at(t, '"S30"') - 1, 1, '[']],
      ['typing a property at the cursor', (t) => [cursorIn(t), 0, '"aws:Vpc"']],
    ];
    for (const [name, edit] of edits) {
      // A library document is compared with its last parsed text; the server's own documents say where their edits were.
      for (const kind of ['library', 'editor'] as const) {
        it(`answers as a full parse would: ${name} (${kind} document)`, () => {
          const { service, document: created } = jsonServiceWith(original);
          const document = kind === 'library' ? created : new EditorDocument(created.uri, 'json', 1, original);
          service.setDocument(document);
          // Validation parses version 1; the edit below makes version 2, which nothing has parsed.
          service.diagnostics(document.uri);
          const [offset, removed, inserted] = edit(original);
          const edited = original.slice(0, offset) + inserted + original.slice(offset + removed);
          const change = { range: { start: document.positionAt(offset), end: document.positionAt(offset + removed) }, text: inserted };
          if (document instanceof EditorDocument) {
            document.update([change], 2);
            assert.ok(document.changeSince(1));
          } else TextDocument.update(document, [change], 2);
          service.setDocument(document);
          assert.equal(document.getText(), edited);
          const fresh = jsonServiceWith(edited).service;
          const cursor = cursorIn(edited) + (name === 'typing a property at the cursor' ? inserted.length - 1 : 0);
          const position = document.positionAt(cursor);
          const labels = (s: typeof service) =>
            (s.completions(document.uri, position)?.items ?? []).map((i) => `${i.label} ${JSON.stringify(i.textEdit)}`).sort();
          assert.ok(labels(service).length > 0);
          assert.deepEqual(labels(service), labels(fresh));
          const hoverAt = document.positionAt(edited.indexOf('"aws:SourceIp"', edited.indexOf('"S80"')) + 3);
          assert.deepEqual(service.hover(document.uri, hoverAt), fresh.hover(document.uri, hoverAt));
        });
      }
    }

    it('parses the statement being typed in, not the others', () => {
      const edited = original.replace('"Here"', '"Herex"');
      const cuts = mappedCuts(parseTree(original)!, original, edited, cursorIn(edited));
      const kept = cuts.reduce((n, [s, e]) => n - (e - s), edited.length);
      assert.ok(kept < statement(0).length * 2, `${kept} of ${edited.length} characters parsed`);
      // An edit elsewhere is parsed as it is now: no cut covers it.
      const elsewhere = original.replace('"S10"', '"S10x"');
      const at = elsewhere.indexOf('"S10x"');
      for (const [s, e] of mappedCuts(parseTree(original)!, original, elsewhere, cursorIn(elsewhere)))
        assert.ok(e <= at || s >= at + 6, `${s}-${e} covers ${at}`);
    });
  });

  it('offers CORS methods and VPC endpoint types', () => {
    assert.deepEqual(jsonCompletionLabels('{"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": [█]}]}'), [
      '"DELETE"',
      '"GET"',
      '"HEAD"',
      '"POST"',
      '"PUT"',
    ]);
    assert.deepEqual(jsonCompletionLabels('{"ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": █}'), [
      '"Gateway"',
      '"GatewayLoadBalancer"',
      '"Interface"',
      '"Resource"',
      '"ServiceNetwork"',
    ]);
  });

  it('offers nothing in JSON files that are none of ours', () => {
    assert.deepEqual(jsonCompletionLabels('{"name": "pkg", █}', { name: 'package.json' }), []);
    assert.deepEqual(
      jsonCompletionLabels('{"WorkteamName": "t", "Description": "d", █}', { name: 'x.json', settings: { jsonFiles: { 'x.json': 'none' } } }),
      [],
    );
  });
});

/**
 * Completion and hover inside a CloudFormation template's policies, CORS rules, endpoint and
 * workteam, through the real server: in YAML (the items insert YAML) and in a CDK-synthesized JSON
 * template, with the documentation loose policy files show, right after a keystroke (before the
 * template is parsed again), and nothing outside those documents.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Hover, MarkupContent, Position, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/cfn');
const YAML = readFileSync(path.join(FIXTURES, 'labeling.yaml'), 'utf8');
const CDK = readFileSync(path.join(FIXTURES, 'LabelingStack.template.json'), 'utf8');
const CURSOR = '█';

/** `text` with `find` replaced by `replacement`, which holds the cursor marker: the text without it and the cursor's position. */
function edited(text: string, find: string, replacement: string): { text: string; position: Position } {
  assert.ok(text.includes(find), find);
  const marked = text.replace(find, replacement);
  const offset = marked.indexOf(CURSOR);
  const out = marked.replace(CURSOR, '');
  return { text: out, position: TextDocument.create('x', 'yaml', 1, out).positionAt(offset) };
}

function applied(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  // Snippet tab stops are where the editor leaves the cursor: not text.
  return TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, text), [{ ...edit, newText: edit.newText.replace(/\$0|\$\{\d+:([^}]*)\}/g, '$1') }]);
}

/**
 * The condition keys offered after `aws:SourceIp` under NotIpAddress: the IP keys not yet written,
 * no string key. Returns `aws:VpcSourceIp`'s item.
 */
function ipKeyAfterSourceIp(items: CompletionItem[]): CompletionItem {
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('aws:VpcSourceIp'), labels.join(', '));
  assert.ok(!labels.includes('aws:SourceIp'), 'a key already written');
  assert.ok(!labels.includes('aws:SourceVpc'), 'a string key under an IP operator');
  return items.find((i) => i.label === 'aws:VpcSourceIp')!;
}

const hoverText = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

describe('Completion and hover in CloudFormation templates over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;
  const uri = (name: string) => `${pathToFileURL(folder).href}/${name}`;
  const stack = () => uri('stack.yaml');

  /** The items at the cursor right after the text is typed: the server has not parsed this version yet. */
  async function typed(
    find: string,
    replacement: string,
    base = YAML,
    name = 'stack.yaml',
  ): Promise<{ text: string; items: CompletionItem[]; position: Position }> {
    const { text, position } = edited(base, find, replacement);
    client.change(uri(name), [{ text }]);
    return { text, position, items: await client.completion(uri(name), position) };
  }

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-cfn-features-'));
    client = await LspClient.start({ rootUri: pathToFileURL(folder).href, settings: { gtTemplates: {} } });
    client.open(stack(), 'yaml', YAML);
    await client.diagnostics(stack(), (p) => p.diagnostics.length > 0);
    client.open(uri('cdk.out/LabelingStack.template.json'), 'json', CDK);
    await client.diagnostics(uri('cdk.out/LabelingStack.template.json'), (p) => p.diagnostics.length > 0);
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("completes a service's actions in a YAML Action, inserting the plain scalar over what is typed", async () => {
    const { text, items } = await typed('Action: s3:GetObjekt', `Action: s3:GetObj${CURSOR}`);
    const item = items.find((i) => i.label === 's3:GetObject');
    assert.ok(item, items.map((i) => i.label).join(', '));
    assert.ok(!items.some((i) => i.label.startsWith('sagemaker:')));
    assert.ok(applied(text, item).includes('            Action: s3:GetObject\n            Resource:'));
  });

  it('completes service prefixes, then actions, in a block list item, where YAML reads `- s3:` as a key for now', async () => {
    const prefixes = await typed('Action: s3:GetObjekt', `Action:\n              - ${CURSOR}`);
    const s3 = prefixes.items.find((i) => i.label === 's3')!;
    assert.equal((s3.textEdit as TextEdit).newText, 's3:');
    const actions = await typed('Action: s3:GetObjekt', `Action:\n              - s3:${CURSOR}`);
    const item = actions.items.find((i) => i.label === 's3:GetObjectTagging')!;
    assert.ok(applied(actions.text, item).includes('            Action:\n              - s3:GetObjectTagging\n            Resource:'));
  });

  it('completes inside a quoted action and keeps the quotes', async () => {
    const { text, items } = await typed('Action: s3:GetObjekt', `Action: "s3:GetObj${CURSOR}"`);
    assert.ok(
      applied(
        text,
        items.find((i) => i.label === 's3:GetObject')!,
      ).includes('Action: "s3:GetObject"\n'),
    );
  });

  it("completes a new statement's members as YAML, then the values of Effect", async () => {
    const members = await typed('          - Effect: allow', `          - ${CURSOR}\n          - Effect: allow`);
    const labels = members.items.map((i) => i.label);
    assert.deepEqual(labels, ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
    const effect = members.items.find((i) => i.label === 'Effect')!;
    const withEffect = applied(members.text, effect);
    assert.ok(withEffect.includes('          - Effect: \n          - Effect: allow'));
    assert.equal(members.items.find((i) => i.label === 'Condition')!.textEdit!.newText, 'Condition:\n              $0');
    const values = await typed('          - Effect: \n          - Effect: allow', `          - Effect: ${CURSOR}\n          - Effect: allow`, withEffect);
    assert.deepEqual(
      values.items.map((i) => i.label),
      ['Allow', 'Deny'],
    );
    assert.ok(applied(values.text, values.items[0]).includes('          - Effect: Allow\n          - Effect: allow'));
    // Members a statement already has are not offered again.
    const more = await typed('            Principal: "*"\n', `            Principal: "*"\n            ${CURSOR}\n`);
    assert.deepEqual(
      more.items.map((i) => i.label),
      ['NotPrincipal', 'NotAction', 'NotResource'],
    );
  });

  it('completes the policy version as a quoted string, since YAML 1.1 reads 2012-10-17 as a date', async () => {
    const { text, items } = await typed(
      '        Version: "2012-10-17"\n        Statement:\n          - Sid',
      `        Version: ${CURSOR}\n        Statement:\n          - Sid`,
    );
    assert.deepEqual(
      items.map((i) => i.label),
      ['2012-10-17', '2008-10-17'],
    );
    assert.ok(applied(text, items[0]).includes('        Version: "2012-10-17"\n        Statement:\n          - Sid'));
  });

  it("completes operators under Condition and the keys that suit the operator and the statement's actions", async () => {
    const operators = await typed(
      '            Condition:\n              NotIpAddress:',
      `            Condition:\n              Str${CURSOR}\n              NotIpAddress:`,
    );
    const equals = operators.items.find((i) => i.label === 'StringEquals')!;
    assert.ok(applied(operators.text, equals).includes('            Condition:\n              StringEquals:\n                \n              NotIpAddress:'));
    assert.ok(!operators.items.some((i) => i.label === 'NotIpAddress'), 'an operator already written');
    const keys = await typed('                aws:SourceIp: !Ref AllowedCidr', `                aws:SourceIp: !Ref AllowedCidr\n                aws:${CURSOR}`);
    const vpc = ipKeyAfterSourceIp(keys.items);
    assert.ok(applied(keys.text, vpc).includes('                aws:SourceIp: !Ref AllowedCidr\n                aws:VpcSourceIp: \n'));
    const sagemaker = await typed(
      '                    sagemaker:WorkteamType: public_crowd',
      `                    sagemaker:WorkteamType: public_crowd\n                    sagemaker:${CURSOR}`,
    );
    assert.ok(sagemaker.items.some((i) => i.label === 'sagemaker:WorkteamArn') === false, 'an ARN key under StringEquals');
    assert.ok(sagemaker.items.some((i) => i.label === 'aws:PrincipalTag/${TagKey}'));
  });

  it('completes and explains inside a flow mapping written on one line', async () => {
    const block = '            Condition:\n              NotIpAddress:\n                aws:SourceIp: !Ref AllowedCidr';
    const operators = await typed(block, `            Condition: { NotIpAddress: { aws:SourceIp: !Ref AllowedCidr }, Str${CURSOR} }`);
    const equals = operators.items.find((i) => i.label === 'StringEquals')!;
    assert.ok(!operators.items.some((i) => i.label === 'NotIpAddress'), 'an operator already written');
    assert.ok(applied(operators.text, equals).includes('Condition: { NotIpAddress: { aws:SourceIp: !Ref AllowedCidr }, StringEquals: {  } }'));
    const keys = await typed(block, `            Condition: { NotIpAddress: { aws:SourceIp: !Ref AllowedCidr, aws:${CURSOR} } }`);
    const vpc = ipKeyAfterSourceIp(keys.items);
    assert.ok(applied(keys.text, vpc).includes('{ NotIpAddress: { aws:SourceIp: !Ref AllowedCidr, aws:VpcSourceIp:  } }'));
    // A statement's members in a flow mapping: on the line, an object's in braces.
    const members = await typed('            Principal: "*"\n', `            Principal: { AWS: "*", ${CURSOR} }\n`);
    assert.ok(!members.items.some((i) => i.label === 'AWS'), 'a member already written');
    // Hover as in block style.
    const { text } = edited(YAML, block, `            Condition: { NotIpAddress: { aws:SourceIp: !Ref AllowedCidr } }${CURSOR}`);
    client.change(stack(), [{ text }]);
    const hover = await client.hover(stack(), TextDocument.create('x', 'yaml', 1, text).positionAt(text.indexOf('aws:SourceIp') + 3));
    assert.match(hoverText(hover), /aws:SourceIp/);
    assert.equal(TextDocument.create('x', 'yaml', 1, text).getText(hover!.range!), 'aws:SourceIp');
  });

  it('completes and explains in a policy written as JSON inside the YAML, over many lines', async () => {
    const policy = (condition: string, action = 's3:ListBucket') =>
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  InputPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: input\n' +
      '      PolicyDocument: {\n        "Version": "2012-10-17",\n        "Statement": [\n          {\n            "Effect": "Deny",\n' +
      `            "Principal": "*",\n            "Action": "${action}",\n            "Resource": "arn:aws:s3:::input",\n` +
      `            "Condition": ${condition}\n          }\n        ]\n      }\n`;
    const name = 'json-in-yaml.yaml';
    const open = async (marked: string) => {
      const { text, position } = edited(marked, CURSOR, CURSOR);
      client.change(uri(name), [{ text }]);
      return { text, position, items: await client.completion(uri(name), position) };
    };
    client.open(uri(name), 'yaml', policy('{}'));
    // The keys that suit the operator and the statement's actions: s3:prefix for s3:ListBucket, not for s3:GetObject.
    const keys = await open(policy(`{ "StringEquals": { "aws:SourceVpce": "vpce-1", "s3:pre${CURSOR}" } }`));
    const prefix = keys.items.find((i) => i.label === 's3:prefix');
    assert.ok(prefix, keys.items.map((i) => i.label).join(', '));
    assert.ok(!keys.items.some((i) => i.label === 'aws:SourceVpce'), 'a key already written');
    const result = applied(keys.text, prefix);
    // A quoted key is written with its quotes, its colon after them.
    assert.ok(result.includes(`{ "StringEquals": { "aws:SourceVpce": "vpce-1", "s3:prefix":  } }`), result);
    const get = await open(policy(`{ "StringEquals": { "s3:pre${CURSOR}" } }`, 's3:GetObject'));
    assert.ok(!get.items.some((i) => i.label === 's3:prefix'), 'a key s3:GetObject does not support');
    // The statement's actions decide after a comment line above it too.
    const commented = await open(
      policy(`{ "StringEquals": { "s3:pre${CURSOR}" } }`).replace('        "Statement": [\n', '        "Statement": [\n          # the office\n'),
    );
    assert.ok(
      commented.items.some((i) => i.label === 's3:prefix'),
      commented.items.map((i) => i.label).join(', '),
    );
    // A statement's members, on a line of their own.
    const members = await open(policy(`{}\n            , "Not${CURSOR}"`));
    assert.ok(members.items.some((i) => i.label === 'NotResource'));
    assert.ok(!members.items.some((i) => i.label === 'Effect'), 'a member already written');
    // Hover on a condition key, as in a loose policy file.
    const text = policy('{ "NotIpAddress": { "aws:SourceIp": "203.0.113.0/24" } }');
    client.change(uri(name), [{ text }]);
    const document = TextDocument.create('x', 'yaml', 1, text);
    const hover = await client.hover(uri(name), document.positionAt(text.indexOf('aws:SourceIp') + 3));
    assert.match(hoverText(hover), /aws:SourceIp/);
    // The key as written, quotes included, as a loose JSON policy's hover covers its string.
    assert.equal(document.getText(hover!.range!), '"aws:SourceIp"');
  });

  it("completes CloudFormation's spelling of CORS rules and their methods", async () => {
    const members = await typed('            ExposeHeaders: [ETag]', `            ExposeHeaders: [ETag]\n            ${CURSOR}`);
    const labels = members.items.map((i) => i.label);
    assert.ok(labels.includes('ExposedHeaders') && labels.includes('MaxAge'), labels.join(', '));
    assert.ok(!labels.includes('MaxAgeSeconds') && !labels.includes('AllowedMethods'));
    const methods = await typed('              - PUT', `              - PUT\n              - ${CURSOR}`);
    assert.deepEqual(
      methods.items.map((i) => i.label),
      ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'],
    );
    const flow = await typed(
      '            ExposeHeaders: [ETag]',
      `            AllowedHeaders: [Authorization]\n            ExposeHeaders: [ETag]\n            AllowedMethods: [PUT, G${CURSOR}]`,
    );
    assert.ok(
      applied(
        flow.text,
        flow.items.find((i) => i.label === 'GET')!,
      ).includes('AllowedMethods: [PUT, GET]'),
    );
  });

  it("completes a workteam's and an endpoint's properties", async () => {
    const team = await typed('      WorkteamName: labelers', `      WorkteamName: labelers\n      ${CURSOR}`);
    assert.deepEqual(
      team.items.map((i) => i.label),
      ['NotificationConfiguration', 'Tags', 'WorkforceName'],
    );
    const endpoint = await typed('      VpcEndpointType: Interface', `      VpcEndpointType: Gate${CURSOR}`);
    assert.ok(endpoint.items.some((i) => i.label === 'Gateway'));
  });

  it('offers nothing outside the documents a template embeds', async () => {
    for (const [find, replacement] of [
      ['  AllowedCidr:\n    Type: String', `  AllowedCidr:\n    Type: String\n    ${CURSOR}`],
      ['  EffectParam:\n    Type: String\n    Default: allow', `  EffectParam:\n    Type: String\n    Default: Al${CURSOR}`],
      ['      Bucket: !Ref InputBucket', `      Bucket: !Ref InputBucket\n      ${CURSOR}`],
      ['- PolicyName: no-public-crowd', `- PolicyName: no-public-crowd\n          Action: s3:${CURSOR}`],
      [
        '  Endpoint:\n',
        `  Handler:\n    Type: AWS::Lambda::Function\n    Properties:\n      Policies:\n        - Statement:\n            - Effect: ${CURSOR}\n  Endpoint:\n`,
      ],
      ['Description: Labeling infrastructure', `Description: Labeling infrastructure\n${CURSOR}`],
    ]) {
      const { items } = await typed(find, replacement);
      assert.deepEqual(
        items.map((i) => i.label),
        [],
        replacement,
      );
    }
  });

  it('explains actions, condition keys, operators and members as in a loose policy file', async () => {
    const policy = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Deny",\n      "Action": "s3:GetObject",\n      "Condition": { "NotIpAddress": { "aws:SourceIp": "203.0.113.0/24" } }\n    }\n  ]\n}\n`;
    client.open(uri('policy.json'), 'json', policy);
    await client.diagnostics(uri('policy.json'));
    const loose = (needle: string) => client.hover(uri('policy.json'), TextDocument.create('x', 'json', 1, policy).positionAt(policy.indexOf(needle) + 2));
    const { text } = edited(YAML, 'Action: s3:GetObjekt', `Action: s3:GetObject${CURSOR}`);
    client.change(stack(), [{ text }]);
    const inYaml = (needle: string) => client.hover(stack(), TextDocument.create('x', 'yaml', 1, text).positionAt(text.indexOf(needle) + 2));
    for (const [json, yaml] of [
      ['s3:GetObject', 's3:GetObject'],
      ['aws:SourceIp', 'aws:SourceIp: !Ref'],
      ['NotIpAddress', 'NotIpAddress'],
      ['Effect', 'Effect: Deny'],
      ['Deny', 'Deny\n            Principal'],
      ['Version', 'Version: "2012-10-17"\n        Statement:\n          - Sid'],
    ]) {
      const expected = hoverText(await loose(json));
      assert.ok(expected, json);
      assert.equal(hoverText(await inYaml(yaml)), expected, yaml);
    }
    const hover = await inYaml('s3:GetObject');
    assert.match(hoverText(hover), /^\*\*s3:GetObject\*\* \(Amazon S3\)/);
    assert.equal(TextDocument.create('x', 'yaml', 1, text).getText(hover!.range!), 's3:GetObject');
    assert.equal(hoverText(await inYaml('Bucket: !Ref')), '');
  });

  it('completes and explains in a CDK-synthesized JSON template, right after a keystroke', async () => {
    const name = 'cdk.out/LabelingStack.template.json';
    const actions = await typed('"Action": "s3:GetObject"', `"Action": "s3:GetObj${CURSOR}"`, CDK, name);
    const item = actions.items.find((i) => i.label === 's3:GetObject')!;
    assert.ok(applied(actions.text, item).includes('"Action": "s3:GetObject",'));
    const operators = await typed('"StringNotEquals"', `"StringNot${CURSOR}Equals"`, CDK, name);
    assert.deepEqual(
      operators.items.map((i) => i.label),
      ['IpAddress', 'IpAddressIfExists', 'NotIpAddress', 'NotIpAddressIfExists', 'Null'],
    );
    assert.ok(
      !(
        await typed(
          '"AWSTemplateFormatVersion"',
          `"AWSTemplate${CURSOR}FormatVersion"`,
          CDK.replace('{', '{\n "AWSTemplateFormatVersion": "2010-09-09",'),
          name,
        )
      ).items.length,
    );
    client.change(uri(name), [{ text: CDK }]);
    const hover = await client.hover(uri(name), edited(CDK, '"aws:SourceIp"', `"aws:Source${CURSOR}Ip"`).position);
    assert.match(hoverText(hover), /^\*\*aws:SourceIp\*\* \(global condition key\)/);
  });
});

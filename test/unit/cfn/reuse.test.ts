/**
 * A stack validated after an edit reuses what its predecessor's checks reported, and the facts
 * read, on every resource whose text the edit left alone (`cfn/reuse.ts`): moved to where the
 * resource now is, they are what reading the new text afresh gives. Held to that over chains of
 * edits typed into stacks with findings and facts in many resources, broken states included.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { JSON_CHECKS } from '../../../server/src/service/checks/registry';
import type { Report } from '../../../server/src/service/checks/types';
import { runCheckOnTemplate } from '../../../server/src/service/cfn/checks';
import { reuseOf, succeeds } from '../../../server/src/service/cfn/reuse';
import { parseCloudFormation } from '../../../server/src/service/cfn/template';
import { iamDataFrom } from '../../../server/src/iamData';
import { IamReference } from '../../../server/src/service/domain/iamReference';
import { createLanguageService } from '../../../server/src/service/languageService';
import { runSteps } from '../../../server/src/service/util/steps';
import { random } from '../../fuzz/fuzz';
import { generateCloudFormation } from '../../helpers/generate';
import { PACKAGE_DATA, ROOT } from '../../helpers/service';

const IAM_DATA = iamDataFrom(PACKAGE_DATA);
const FIXTURES = path.join(__dirname, '../../../../test/fixtures/cfn');

/** A resource with findings of several checks: a misspelt action, an object ARN for ListBucket, a malformed role ARN, a CIDR. */
const FLAWED = (n: number) => `  Flawed${n}:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: flawed-${n}
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Reads${n}
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::12345:role/Reader${n}
            Action: [s3:GetObjekt, s3:ListBucket]
            Resource: arn:aws:s3:::flawed-${n}/*
          - Effect: Deny
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::flawed-${n}/*
            Condition:
              NotIpAddress:
                aws:SourceIp: [203.0.113.0/33]
  Team${n}:
    Type: AWS::SageMaker::Workteam
    Properties:
      WorkteamName: team-${n}
      Description: Labelers
      MemberDefinitions:
        - CognitoMemberDefinition:
            UserPool: pool
            UserGroup: group
            ClientId: client
`;

/** A generated stack with flawed resources at its start, in its middle and at its end. */
function flawedStack(size: number): string {
  const body = generateCloudFormation(size);
  // Where a resource starts: a line indented by two spaces.
  const resourceAt = (from: number) => {
    const pattern = /\n {2}[A-Za-z]/g;
    pattern.lastIndex = from;
    return pattern.exec(body)!.index + 1;
  };
  const first = resourceAt(body.indexOf('Resources:'));
  const middle = resourceAt(body.length / 2);
  return body.slice(0, first) + FLAWED(0) + body.slice(first, middle) + FLAWED(1) + body.slice(middle) + FLAWED(2);
}

/** What typing does: characters inside names and values, new lines and keys, quotes, brackets, a line deleted. */
const PIECES = ['x', '0', ' ', ':', '\n', '\n    ', '"', '[', ']', '*', '!Ref ', 's3:', '/', '-', '#'];

function edit(text: string, rng: () => number): string {
  const at = Math.floor(rng() * (text.length + 1));
  if (rng() < 0.7) return text.slice(0, at) + PIECES[Math.floor(rng() * PIECES.length)] + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * 4));
}

/** The findings and facts of a text, as the tests compare them: positions, messages, fixes' edits (functions aside). */
function seen(service: ReturnType<typeof createLanguageService>, uri: string): string {
  const findings = service.findings(uri).map(({ code, start, end, message, severity, fixes, related }) => ({
    code,
    start,
    end,
    message,
    severity,
    fixes: fixes?.map((f) => ({ title: f.title, edits: f.edits })),
    related,
  }));
  return JSON.stringify({ findings, facts: service.prepareFacts(uri) });
}

function freshService() {
  const service = createLanguageService({ iamData: IAM_DATA });
  service.configure({ workspaceFolders: [ROOT] });
  return service;
}

/**
 * Types `edits` edits into `text` one by one in one service (each version reusing the last) and
 * compares each with a fresh service's reading. `accumulate`: each edit is made on the last
 * version; otherwise on the original text (so that a file stays mostly readable: a JSON file
 * broken once stays broken as edits pile up).
 */
function typeInto(text: string, name: string, languageId: string, edits: number, rng: () => number, accumulate = true): void {
  const uri = `${ROOT}/${name}`;
  const service = freshService();
  let current = text;
  for (let version = 1; version <= edits + 1; version++) {
    if (version > 1) current = edit(accumulate ? current : text, rng);
    service.setDocument(TextDocument.create(uri, languageId, version, current), { validateNext: true });
    // As the server validates: in steps, the parse first (which links the version to the last).
    runSteps(service.diagnosticsSteps(uri));
    const fresh = freshService();
    fresh.setDocument(TextDocument.create(uri, languageId, 1, current));
    assert.equal(seen(service, uri), seen(fresh, uri), `${name}, version ${version}`);
  }
}

describe('CloudFormation: what a stack reuses of its last version', () => {
  it('reports and reads, after each edit, what reading the text afresh does (YAML)', () => {
    const rng = random(1205);
    typeInto(flawedStack(6_000), 'flawed.yaml', 'yaml', 120, rng);
    typeInto(readFileSync(path.join(FIXTURES, 'labeling.yaml'), 'utf8'), 'labeling.yaml', 'yaml', 60, rng);
  });

  it('reports and reads, after each edit, what reading the text afresh does (JSON, as the CDK writes it)', () => {
    const rng = random(512);
    typeInto(readFileSync(path.join(FIXTURES, 'LabelingStack.template.json'), 'utf8'), 'LabelingStack.template.json', 'json', 60, rng, false);
    // The flawed stack as JSON: its policies written out, no intrinsic in them.
    const stack = JSON.stringify(YAML.parse(flawedStack(6_000), { logLevel: 'silent' }), null, 2);
    typeInto(stack, 'flawed.template.json', 'json', 120, rng, false);
  });

  it('reuses every resource but the one a key was typed in, its findings moved', () => {
    const iam = new IamReference(IAM_DATA);
    const checkAll = (template: ReturnType<typeof parseCloudFormation>) => {
      const reports: Report[] = [];
      for (const check of JSON_CHECKS) runSteps(runCheckOnTemplate(template, check, iam, (r) => reports.push(r)));
      return reports;
    };
    const text = flawedStack(6_000);
    const before = parseCloudFormation(`${ROOT}/s.yaml`, text);
    assert.deepEqual(before.errors, []);
    checkAll(before);
    // A key typed in the Sid of the middle flawed resource: the findings after it move by one.
    const at = text.indexOf('Sid: Reads1') + 'Sid: Reads'.length;
    const after = parseCloudFormation(`${ROOT}/s.yaml`, `${text.slice(0, at)}x${text.slice(at)}`);
    succeeds(after, before);
    const reused = checkAll(after);
    const entries = reuseOf(after)!.entries.filter((e) => e !== undefined);
    const same = entries.filter((e) => e!.same);
    assert.ok(entries.length > 10, `${entries.length} documents`);
    assert.deepEqual([...new Set(entries.filter((e) => !e!.same).map((e) => e!.text.split(':')[0]))], ['Flawed1'], 'only the edited resource is read again');
    assert.ok(same.length >= entries.length - 1);
    const fresh = checkAll(parseCloudFormation(`${ROOT}/s.yaml`, `${text.slice(0, at)}x${text.slice(at)}`));
    const plain = (reports: Report[]) =>
      JSON.stringify(
        reports.map(({ start, end, message, fixes }) => ({ start, end, message, fixes: fixes?.map((f) => f.edits) })).sort((a, b) => a.start - b.start),
      );
    assert.equal(plain(reused), plain(fresh));
    // Each flawed resource has findings: those of the last one moved.
    assert.ok(fresh.filter((r) => r.start > text.indexOf('Flawed2')).length >= 3);
  });
});

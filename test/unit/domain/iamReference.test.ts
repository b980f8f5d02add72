/** The reference's condition keys and resource types as the checks, completion and hover read them. */
import * as assert from 'node:assert/strict';
import { iamDataFrom } from '../../../server/src/iamData';
import { type ArnTemplate, mayName, parseArnTemplates, searchPairs } from '../../../server/src/service/domain/arnTemplate';
import { globalConditionKey, isGlobalKey, keyMatches, keyType } from '../../../server/src/service/domain/conditionKeys';
import { IamReference } from '../../../server/src/service/domain/iamReference';
import { PACKAGE_DATA } from '../../helpers/service';

const iam = new IamReference(iamDataFrom(PACKAGE_DATA));

describe('condition keys', () => {
  it('matches key names against templates, one character or more for each variable part, case aside', () => {
    assert.ok(keyMatches('s3:ExistingObjectTag/<key>', 's3:ExistingObjectTag/Project'));
    assert.ok(keyMatches('aws:RequestTag/${TagKey}', 'AWS:requesttag/team'));
    assert.ok(!keyMatches('aws:RequestTag/${TagKey}', 'aws:RequestTag/'));
    assert.ok(!keyMatches('s3:ExistingObjectTag/<key>', 's3:ExistingObjectTags/Project'));
    assert.ok(keyMatches('s3:prefix', 'S3:Prefix'));
  });

  it('reads what a type says: the operator families, and whether the key is multivalued', () => {
    assert.deepEqual(keyType('ArrayOfARN'), { name: 'ArrayOfARN', families: ['arn', 'string'], multivalued: true });
    assert.deepEqual(keyType('IPAddress'), { name: 'IPAddress', families: ['ip'], multivalued: false });
    assert.equal(keyType('Tuple'), undefined);
  });

  it('types the global keys, which the reference does not list, and takes every aws: key as global', () => {
    assert.equal(globalConditionKey('aws:sourceip')?.type, 'IPAddress');
    assert.equal(globalConditionKey('aws:PrincipalTag/team')?.type, 'String');
    assert.ok(isGlobalKey('aws:SomethingNew'));
    assert.ok(isGlobalKey('lambda:SourceFunctionArn'));
    assert.ok(!isGlobalKey('s3:prefix'));
  });

  it("finds a key in its own service's list, or in the list of a service that names it under another prefix", () => {
    assert.equal(iam.conditionKey('sagemaker:workteamarn')?.type, 'ARN');
    assert.equal(iam.conditionKey('s3:ExistingObjectTag/Project')?.key, 's3:ExistingObjectTag/<key>');
    assert.equal(iam.conditionKey('saml:sub'), undefined);
    assert.equal(iam.conditionKey('saml:sub', ['sts'])?.key, 'saml:sub');
  });

  it("lists the keys an action's requests may carry: its own and its resource types'", () => {
    const getObject = iam.resolveActions(['s3:GetObject'])!;
    const keys = iam.supportedKeys(getObject);
    assert.ok(keys.has('s3:ExistingObjectTag/Project'));
    assert.ok(keys.has('aws:SourceIp'));
    assert.ok(!keys.has('s3:prefix'));
    assert.ok(!keys.has('sagemaker:WorkteamType'));
    assert.ok(iam.supportedKeys(iam.resolveActions(['s3:ListBucket'])!).has('s3:prefix'));
  });

  it('resolves wildcards to the actions they match, and leaves undecided what it cannot resolve', () => {
    assert.ok(iam.resolveActions(['s3:Get*'])!.length > 10);
    assert.equal(iam.resolveActions(['*']), undefined);
    assert.equal(iam.resolveActions(['s3:Frobnicate*']), undefined);
    assert.equal(iam.resolveActions(['s3:GetObject', 's3:${aws:username}']), undefined);
    assert.equal(iam.resolveActions(['*:GetObject']), undefined);
  });
});

describe('ARN formats', () => {
  it('searches position sets as it searches pairs of positions, over every format of the reference', () => {
    const templates: ArnTemplate[] = [];
    for (const prefix of iam.servicePrefixes()) for (const type of iam.resourceTypesOf(prefix)?.byName.values() ?? []) templates.push(type.template);
    const withSets = templates.filter((t) => t.sets).length;
    assert.ok(withSets > 0.9 * templates.length, `${withSets} of ${templates.length} formats have sets`);
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(items: readonly T[]) => items[random(items.length)];
    // Mostly what any part holds; some a part may not (nothing, `/`, `:`).
    const filler = ['a', 'B1', 'x-y', '*', 'a?', 'a', 'B1', 'x-y', '*', '', 'a/b', 'x:y'];
    // A pattern made from a format: parts filled in, then characters changed, starred, dropped, or cased otherwise.
    const patternFrom = (arn: string) => {
      const chars = [...arn.replace(/\$\{[^}]*\}/g, () => pick(filler))];
      for (let k = random(3); k > 0; k--) {
        const at = random(chars.length + 1);
        const change = random(5);
        if (change === 0) chars.splice(at, 0, '*');
        else if (change === 1) chars.splice(at, 1, '?');
        else if (change === 2) chars.splice(at, 1);
        else if (change === 3) chars.splice(at, 1, (chars[at] ?? '').toUpperCase());
        else chars.splice(at, 1, pick([':', '/', 'z']));
      }
      return chars.join('');
    };
    const answers = [0, 0];
    for (let n = 0; n < 30_000; n++) {
      const template = pick(templates);
      // Mostly a pattern from the format itself; some from another service's.
      const pattern = patternFrom(random(5) ? template.arn : pick(templates).arn);
      const expected = searchPairs(pattern.toLowerCase(), template);
      answers[Number(expected)]++;
      assert.equal(mayName(pattern, template), expected, `${pattern} against ${template.arn}`);
    }
    assert.ok(answers[0] > 3_000 && answers[1] > 3_000, `answers false/true: ${answers.join('/')}`);
  });

  const s3 = parseArnTemplates(['arn:${Partition}:s3:::${BucketName}', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
  const [bucket, object] = s3;

  it("reads from the service's own formats that a bucket's name holds no /", () => {
    assert.ok(mayName('arn:aws:s3:::example-bucket', bucket));
    assert.ok(!mayName('arn:aws:s3:::example-bucket/*', bucket));
    assert.ok(mayName('arn:aws:s3:::example-bucket/*', object));
    assert.ok(!mayName('arn:aws:s3:::example-bucket', object));
  });

  it('lets a * in the pattern run across parts, and matches * and ? as IAM does', () => {
    assert.ok(mayName('arn:aws:s3:::example-bucket*', bucket));
    assert.ok(mayName('arn:aws:s3:::example-bucket*', object));
    assert.ok(mayName('arn:*:s3:::?', bucket));
    assert.ok(mayName('*', object));
    assert.ok(!mayName('arn:aws:s3:::', bucket));
  });

  it('lets a part that ends a format hold / and :', () => {
    const [role] = parseArnTemplates(['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}']);
    assert.ok(mayName('arn:aws:iam::111122223333:role/service-role/GroundTruth', role));
    const logs = parseArnTemplates([
      'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}',
      'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}',
    ]);
    assert.ok(mayName('arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/LabelingJobs:*', logs[0]));
  });

  it('takes a * in the format itself as any run of characters', () => {
    const [cert] = parseArnTemplates(['arn:${Partition}:dms:${Region}:${Account}:cert:*']);
    assert.ok(mayName('arn:aws:dms:us-east-1:111122223333:cert:ABC', cert));
    assert.ok(!mayName('arn:aws:dms:us-east-1:111122223333:endpoint:ABC', cert));
  });
});

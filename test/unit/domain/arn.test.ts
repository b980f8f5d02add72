/** The kind of ARN a value names, read before checking it as one: the fast path for other services' ARNs must give the full reading's answers. */
import * as assert from 'node:assert/strict';
import { arnKindOf, arnParts } from '../../../server/src/service/domain/arn';

describe('ARN kinds', () => {
  it('names the kinds this domain checks, and nothing for other services or for text that is no ARN', () => {
    const cases: [string, ReturnType<typeof arnKindOf>][] = [
      ['arn:aws:iam::111122223333:role/LabelingRole', 'role'],
      ['arn:aws:iam::111122223333:role/path/to/LabelingRole', 'role'],
      ['arn:aws:iam::111122223333:user/someone', undefined],
      ['arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team', 'workteam'],
      ['arn:aws:sagemaker:us-east-1:111122223333:workforce/default', 'workforce'],
      ['arn:aws-cn:sagemaker:cn-north-1:111122223333:flow-definition/review', 'flow-definition'],
      ['arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/ui', 'human-task-ui'],
      ['arn:aws:sagemaker:us-east-1:111122223333:labeling-job/job', undefined],
      ['arn:aws:s3:::bucket/*', undefined],
      ['arn:aws:s3:::bucket/iam:role/x', undefined],
      ['arn:aws:iam', undefined],
      ['arn:aws:iam:', undefined],
      ['arn:aws:sagemaker::', undefined],
      ['arn', undefined],
      ['', undefined],
      ['*', undefined],
      ['xarn:aws:iam::1:role/r', undefined],
      ['arn:aws:IAM::111122223333:role/r', undefined],
      ['arn::iam::111122223333:role/r', 'role'],
    ];
    for (const [arn, kind] of cases) assert.equal(arnKindOf(arn), kind, arn);
  });

  it('reads a policy variable as a value that may hold ":" where variables are allowed', () => {
    const variables = { wildcards: true, variables: true };
    assert.equal(arnKindOf('arn:${aws:partition}:iam::111122223333:role/r', variables), 'role');
    assert.equal(arnKindOf('arn:aws:sagemaker:${aws:region}:111122223333:workteam/private-crowd/t', variables), 'workteam');
    assert.equal(arnKindOf('arn:aws:s3:::${aws:username}/*', variables), undefined);
  });

  it('splits an ARN into its six parts, the last keeping its colons, as split and join did', () => {
    for (const text of ['arn:aws:s3:::b/*', 'arn:aws:logs:us-east-1:111122223333:log-group:g:*', 'arn:aws:iam::1:role/r', ':::::', 'a:b:c:d:e:f:g:h']) {
      const parts = text.split(':');
      assert.deepEqual(arnParts(text), [...parts.slice(0, 5), parts.slice(5).join(':')], text);
    }
    for (const text of ['', 'arn', 'arn:aws:s3::', 'a:b:c:d:e']) assert.equal(arnParts(text), undefined, text);
  });
});

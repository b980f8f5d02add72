/** The IAM reference data as the server and gtlint read it: the copy the build puts beside the bundles. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { iamDataFrom } from '../../server/src/iamData';
import { PACKAGE_DATA } from '../helpers/service';

const BUNDLED = path.resolve(__dirname, '../../../dist/iam-data');

describe('IAM reference data', () => {
  const data = iamDataFrom(BUNDLED);

  it('is copied whole beside the bundles: every listed service has its actions, condition keys and resource types, as the package has them', () => {
    const prefixes = data.servicePrefixes();
    assert.deepEqual(prefixes, JSON.parse(readFileSync(path.join(PACKAGE_DATA, 'services.json'), 'utf8')));
    for (const kind of ['actions', 'conditionKeys', 'resourceTypes']) {
      assert.deepEqual(
        prefixes.filter((p) => !existsSync(path.join(BUNDLED, kind, `${p}.json`))),
        [],
        kind,
      );
    }
    const packaged = (kind: string) => JSON.parse(readFileSync(path.join(PACKAGE_DATA, kind, 'sagemaker.json'), 'utf8'));
    assert.deepEqual(data.serviceActions('sagemaker'), packaged('actions'));
    assert.deepEqual(data.serviceConditionKeys('sagemaker'), packaged('conditionKeys'));
    assert.deepEqual(data.serviceResourceTypes('sagemaker'), packaged('resourceTypes'));
  });

  it('reads condition keys with their types, and resource types with their ARN formats', () => {
    assert.deepEqual(data.serviceConditionKeys('sagemaker')?.['sagemaker:workteamtype'], {
      key: 'sagemaker:WorkteamType',
      description: 'Filters access by the workteam type associated to the request. This can be public-crowd, private-crowd or vendor-crowd',
      type: 'String',
    });
    assert.equal(data.serviceResourceTypes('s3')?.bucket.arn, 'arn:${Partition}:s3:::${BucketName}');
  });

  it('reads actions by service, with names as AWS spells them', () => {
    const action = data.serviceActions('sagemaker')?.createflowdefinition;
    assert.equal(action?.name, 'CreateFlowDefinition');
    assert.equal(action?.accessLevel, 'Write');
    assert.equal(data.serviceName('sagemaker'), 'Amazon SageMaker');
  });

  it('reads no file for a prefix that is not listed, whatever it spells', () => {
    assert.equal(data.serviceActions('sagemaker2'), undefined);
    assert.equal(data.serviceActions('../services'), undefined);
    assert.equal(data.serviceConditionKeys('../services'), undefined);
    assert.equal(data.serviceResourceTypes('../../package'), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { PolicySettings, previewPolicy } from '../../../client/src/preview/policy';

const ALL_ON: PolicySettings = { renderer: 'aws', allowScripts: true, allowRemoteContent: true, presign: 'aws' };
const DEFAULTS: PolicySettings = { renderer: 'local', allowScripts: false, allowRemoteContent: false, presign: 'placeholder' };

describe('preview policy: Workspace Trust', () => {
  it('in Restricted Mode renders locally with scripts, remote content and AWS off, whatever the settings ask', () => {
    const policy = previewPolicy(false, ALL_ON);
    assert.deepEqual(
      { ...policy, notes: undefined },
      { trusted: false, renderer: 'local', scripts: false, remoteContent: false, awsPresign: false, notes: undefined },
    );
    assert.deepEqual(policy.notes, [
      'Restricted Mode: AWS rendering, template scripts, remote content and AWS presigning are off; the preview renders locally without scripts. Trust this workspace to allow more.',
    ]);
  });

  it('in Restricted Mode with default settings still says that it is restricted', () => {
    assert.deepEqual(previewPolicy(false, DEFAULTS).notes, [
      'Restricted Mode: the preview renders locally without scripts. Trust this workspace to allow more.',
    ]);
  });

  it('in a trusted workspace does what the settings say, and nothing more', () => {
    assert.deepEqual(previewPolicy(true, ALL_ON), { trusted: true, renderer: 'aws', scripts: true, remoteContent: true, awsPresign: true, notes: [] });
    assert.deepEqual(previewPolicy(true, DEFAULTS), { trusted: true, renderer: 'local', scripts: false, remoteContent: false, awsPresign: false, notes: [] });
    assert.deepEqual(previewPolicy(true, { ...DEFAULTS, allowRemoteContent: true }).scripts, false, 'remote content does not imply scripts');
  });
});

/**
 * The session's premise, checked before the other tests rely on it: the folder is in Restricted
 * Mode, its settings file asks for what the restricted settings can widen, and VS Code applies none
 * of those values while the folder's other settings still apply.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceUri } from '../suite/helpers';
import { EMULATOR_URL_VARIABLE } from './index';

interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
}

describe('a folder that is not trusted', () => {
  it('opens in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it("keeps the folder's values of the restricted settings out, and applies its other settings", async () => {
    const settings = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('.vscode/settings.json')))) as Record<string, unknown>;
    // Applied, these would render through the emulator with scripts and remote content on.
    assert.equal(settings['gtTemplates.preview.renderer'], 'aws');
    assert.equal(settings['gtTemplates.preview.aws.endpoint'], process.env[EMULATOR_URL_VARIABLE]);
    assert.equal(settings['gtTemplates.preview.allowScripts'], true);
    assert.equal(settings['gtTemplates.preview.allowRemoteContent'], true);

    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.filter((key) => key in settings);
    assert.deepEqual(restricted, [
      'gtTemplates.preview.renderer',
      'gtTemplates.preview.allowScripts',
      'gtTemplates.preview.allowRemoteContent',
      'gtTemplates.preview.presign',
      'gtTemplates.preview.s3Files',
      'gtTemplates.preview.aws.region',
      'gtTemplates.preview.aws.roleArn',
      'gtTemplates.preview.aws.endpoint',
    ]);
    const configuration = vscode.workspace.getConfiguration();
    for (const key of restricted) {
      const inspected = configuration.inspect(key);
      assert.equal(inspected?.workspaceValue, undefined, `${key} from the folder is applied`);
      assert.deepEqual(configuration.get(key), inspected?.defaultValue, key);
    }
    // Not restricted: which sample input a template uses.
    assert.ok(settings['gtTemplates.sampleInputs']);
    assert.deepEqual(configuration.inspect('gtTemplates.sampleInputs')?.workspaceValue, settings['gtTemplates.sampleInputs']);
  });
});

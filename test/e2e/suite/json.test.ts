/**
 * The JSON around templates, as a user gets it in the editor: a workteam request's diagnostics and
 * quick fixes, completion and hover from the SageMaker shapes, and the cross-file finding between
 * a template that presigns and a workteam without IP restriction. Every file is the test's own;
 * the workteams are neutralised afterwards, since every workteam of the folder is compared with
 * every template the other suites open there.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SCRIPT, applyCodeAction, overwriteAndSave, codeOf, completionLabels, diagnosticsWhen, hoverText, open, seen, writeFile } from './helpers';

const MEMBERS = `  "Description": "Reviewers of low-confidence image labels",
  "MemberDefinitions": [
    { "CognitoMemberDefinition": { "UserPool": "us-east-1_AbCdEfGhI", "UserGroup": "image-reviewers", "ClientId": "1example23456789abcdefghij" } }
  ]`;

/** A CreateWorkteam request; `access` is written after MemberDefinitions. */
const workteam = (name: string, access?: string) => `{
  "WorkteamName": "${name}",
${MEMBERS}${access ? `,\n  "WorkerAccessConfiguration": ${access}` : ''}
}
`;

/** What the SourceIp quick fix leaves: the block, in the file's two-space indentation. */
const RESTRICTED = `{
    "S3Presign": {
      "IamPolicyConstraints": {
        "SourceIp": "Enabled"
      }
    }
  }`;

const SOURCE_IP_FIX = "Restrict presigned URLs to the worker's IP address (SourceIp: Enabled)";
const CROSS_FILE = 'presign-unrestricted-workteam';

/**
 * A workteam's own findings, in document order. Every template in the folder is compared with
 * it, and the other suites leave presigning templates there: the cross-file finding depends on
 * them, so it is tested on its own below.
 */
function own(document: vscode.TextDocument, diagnostics?: vscode.Diagnostic[]): [string, string][] {
  const sorted = [...(diagnostics ?? vscode.languages.getDiagnostics(document.uri))].sort((a, b) => a.range.start.compareTo(b.range.start));
  return seen(document, sorted).filter(([code]) => code !== CROSS_FILE);
}

function has(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => diagnostics.some((d) => codeOf(d) === code);
}

function lacks(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => !diagnostics.some((d) => codeOf(d) === code);
}

const written: vscode.Uri[] = [];

async function openJson(relative: string, text: string) {
  const opened = await open(relative, text);
  written.push(opened.document.uri);
  return opened;
}

describe('workteam and policy JSON', () => {
  // Left as workteams, these files would make every presigning template of the folder report them.
  after(() => overwriteAndSave(written, '{}\n'));

  describe('diagnostics and quick fixes', () => {
    it('reports a workteam without IP restriction on its name, as a warning linked to its page', async () => {
      const { document } = await openJson('policies/team-open.json', workteam('image-reviewers'));
      const diagnostics = await diagnosticsWhen(document, has('workteam-missing-ip-restriction'), 'workteam-missing-ip-restriction is reported');
      assert.deepEqual(own(document, diagnostics), [['workteam-missing-ip-restriction', '"WorkteamName"']]);
      const diagnostic = diagnostics.find((d) => codeOf(d) === 'workteam-missing-ip-restriction')!;
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(diagnostic.message, /^Workteam "image-reviewers" has no IP restriction on presigned URLs/);
      assert.match((diagnostic.code as { target: vscode.Uri }).target.path, /\/docs\/checks\/workteam-missing-ip-restriction\.md$/);
    });

    it('reports "enabled" as an invalid value, and the constraints it leaves off', async () => {
      const { document } = await openJson(
        'policies/team-lowercase.json',
        workteam('t', '{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": "enabled" } } }'),
      );
      const diagnostics = await diagnosticsWhen(document, has('invalid-enum-value'), 'invalid-enum-value is reported');
      assert.deepEqual(own(document, diagnostics), [
        ['workteam-missing-ip-restriction', '"IamPolicyConstraints"'],
        ['invalid-enum-value', '"enabled"'],
      ]);
      const invalid = diagnostics.find((d) => codeOf(d) === 'invalid-enum-value')!;
      assert.equal(invalid.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(invalid.message, '"enabled" is not a valid SourceIp: use "Disabled" or "Enabled".');
    });

    it('inserts the IP restriction block with the quick fix', async () => {
      const { document } = await openJson('policies/team-fix.json', workteam('image-reviewers'));
      const [diagnostic] = (await diagnosticsWhen(document, has('workteam-missing-ip-restriction'), 'the workteam is reported')).filter(
        (d) => codeOf(d) === 'workteam-missing-ip-restriction',
      );
      assert.equal(await applyCodeAction(document, diagnostic.range, SOURCE_IP_FIX), workteam('image-reviewers', RESTRICTED));
      const after = await diagnosticsWhen(document, (d) => own(document, d).length === 0 && lacks(CROSS_FILE)(d), 'the workteam is clean');
      assert.deepEqual(seen(document, after), []);
      await document.save();
    });

    it('corrects "enabled" to "Enabled", which also restricts the workteam', async () => {
      const text = workteam('t', '{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": "enabled" } } }');
      const { document } = await openJson('policies/team-case.json', text);
      const [diagnostic] = (await diagnosticsWhen(document, has('invalid-enum-value'), 'invalid-enum-value is reported')).filter(
        (d) => codeOf(d) === 'invalid-enum-value',
      );
      assert.equal(await applyCodeAction(document, diagnostic.range, 'Change to "Enabled"'), text.replace('"enabled"', '"Enabled"'));
      const after = await diagnosticsWhen(document, (d) => own(document, d).length === 0 && lacks(CROSS_FILE)(d), 'the workteam is clean');
      assert.deepEqual(seen(document, after), []);
      await document.save();
    });
  });

  describe('completion and hover', () => {
    /** The completion labels at the █ of a new workteam file. */
    async function labelsAt(relative: string, text: string): Promise<string[]> {
      const { document, cursor } = await openJson(relative, text);
      return completionLabels(document, cursor);
    }

    it('offers S3Presign inside WorkerAccessConfiguration', async () => {
      assert.deepEqual(await labelsAt('policies/complete-access.json', workteam('t', '{ █ }')), ['S3Presign']);
    });

    it('offers SourceIp and VpcSourceIp inside IamPolicyConstraints, and "Enabled" / "Disabled" as their values', async () => {
      assert.deepEqual(await labelsAt('policies/complete-constraints.json', workteam('t', '{ "S3Presign": { "IamPolicyConstraints": { █ } } }')), [
        'SourceIp',
        'VpcSourceIp',
      ]);
      assert.deepEqual(await labelsAt('policies/complete-value.json', workteam('t', '{ "S3Presign": { "IamPolicyConstraints": { "VpcSourceIp": █ } } }')), [
        '"Disabled"',
        '"Enabled"',
      ]);
    });

    it("explains on SourceIp that presigned URLs then work only from the worker's address, and when that fails", async () => {
      const { document, cursor } = await openJson(
        'policies/hover.json',
        workteam('t', '{ "S3Presign": { "IamPolicyConstraints": { "Sour█ceIp": "Enabled" } } }'),
      );
      const text = await hoverText(document, cursor);
      assert.match(text, /works only from the IP address from which that worker opened the task/);
      assert.match(text, /split-tunnel VPN/);
      assert.match(text, /use an S3 gateway endpoint/);
    });
  });

  describe('across files', () => {
    it('reports a presigning template against a workteam without IP restriction, until the workteam is fixed', async () => {
      // On disk only, as most workteams are: the language server reads it in the background.
      const team = await writeFile('policies/cross-team.json', workteam('cross-file-reviewers'));
      written.push(team);
      const { document: template } = await open(
        'cross-task.liquid.html',
        `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | s3_presign }}">\n</crowd-form>\n`,
      );
      const namesTeam = (d: vscode.Diagnostic) =>
        codeOf(d) === CROSS_FILE && !!d.relatedInformation?.some((r) => r.location.uri.toString() === team.toString());
      const [finding] = (await diagnosticsWhen(template, (d) => d.some(namesTeam), `${CROSS_FILE} names policies/cross-team.json`)).filter(namesTeam);
      assert.equal(template.getText(finding.range), 's3_presign');
      assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(finding.message, /workteam "cross-file-reviewers" in policies\/cross-team\.json has no IP restriction/);
      const teamDocument = await vscode.workspace.openTextDocument(team);
      const [related] = finding.relatedInformation!;
      assert.equal(teamDocument.getText(related.location.range), '"WorkteamName"');
      assert.equal(related.message, "The workteam's access configuration in policies/cross-team.json");

      // The workteam names the template back.
      const namesTemplate = (d: vscode.Diagnostic) =>
        codeOf(d) === CROSS_FILE && !!d.relatedInformation?.some((r) => r.location.uri.toString() === template.uri.toString());
      await diagnosticsWhen(teamDocument, (d) => d.some(namesTemplate), `the workteam's ${CROSS_FILE} names cross-task.liquid.html`);

      // Fixed from the template: the edit is in the workteam file.
      await applyCodeAction(template, finding.range, `${SOURCE_IP_FIX} in policies/cross-team.json`);
      assert.equal(teamDocument.getText(), workteam('cross-file-reviewers', RESTRICTED));
      await diagnosticsWhen(template, (d) => !d.some(namesTeam), `${CROSS_FILE} no longer names policies/cross-team.json`);
      await diagnosticsWhen(teamDocument, (d) => own(teamDocument, d).length === 0 && lacks(CROSS_FILE)(d), 'the workteam is clean');
      await teamDocument.save();
    });
  });
});

import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, SCRIPT, serviceWith } from '../../helpers/service';

const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n</crowd-form>\n`;
/** A workteam its content alone does not make recognisable: only gtTemplates.jsonFiles says what it is. */
const BARE_TEAM = '{\n  "WorkteamName": "reviewers"\n}';

describe('the workspace index', () => {
  it('takes a file into cross-file checks once gtTemplates.jsonFiles says what it is', () => {
    const { service, document } = serviceWith(TEMPLATE, { files: { 'team.json': BARE_TEAM } });
    assert.deepEqual(
      service.diagnostics(document.uri).filter((d) => d.code === 'presign-unrestricted-workteam'),
      [],
    );
    service.configure({ ...service.getSettings(), jsonFiles: { 'team.json': 'CreateWorkteam' } });
    const seen = service.diagnostics(document.uri).find((d) => d.code === 'presign-unrestricted-workteam');
    assert.ok(seen, 'the workteam takes part once recognised');
    assert.equal(document.getText(seen.range), 'grant_read_access');
    assert.equal(seen.relatedInformation?.[0].location.uri, `${ROOT}/team.json`);
  });

  it('keeps the facts of every file when a severity changes, and everything when the settings are the same', () => {
    const { service, document } = serviceWith(TEMPLATE, { files: { 'team.json': BARE_TEAM }, settings: { jsonFiles: { 'team.json': 'CreateWorkteam' } } });
    const facts = service.prepareFacts(document.uri);
    const teamFacts = service.prepareFacts(`${ROOT}/team.json`);
    assert.ok(facts?.template && teamFacts?.workteam);
    const findings = service.findings(document.uri);
    const recomputed = () => service.findings(document.uri).some((f, i) => f !== findings[i]);
    service.configure({ ...service.getSettings() });
    assert.equal(recomputed(), false);
    service.configure({ ...service.getSettings(), checks: { 'missing-crowd-form': 'off' } });
    assert.equal(service.prepareFacts(document.uri), facts);
    assert.equal(service.prepareFacts(`${ROOT}/team.json`), teamFacts);
    assert.equal(recomputed(), true);
  });

  it('keeps the epoch through edits that move facts without changing them, and moves it when a fact changes', () => {
    const policy = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
            Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
          },
        ],
      },
      null,
      2,
    );
    const { service, document } = serviceWith(TEMPLATE, {
      files: { 'bucket-policy.json': policy, 'team.json': BARE_TEAM },
      settings: { jsonFiles: { 'team.json': 'CreateWorkteam' } },
    });
    service.findings(document.uri);
    const epoch = service.workspaceEpoch();
    const edit = (doc: TextDocument, at: number, text: string) => {
      const next = TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text }], doc.version + 1);
      service.setDocument(next);
      return next;
    };
    const template = edit(document, 0, '<!-- reviewed -->\n');
    edit(service.getDocument(`${ROOT}/bucket-policy.json`)!, 1, '\n  ');
    edit(service.getDocument(`${ROOT}/team.json`)!, 1, '\n');
    service.findings(template.uri);
    assert.equal(service.workspaceEpoch(), epoch);
    edit(template, template.getText().indexOf('grant_read_access'), 's3_presign | ');
    assert.notEqual(service.workspaceEpoch(), epoch);
  });

  it("finds the template's findings out of date when the places they point at move, and points at the new places", () => {
    const { service, document } = serviceWith(TEMPLATE, { files: { 'team.json': BARE_TEAM }, settings: { jsonFiles: { 'team.json': 'CreateWorkteam' } } });
    const related = () => service.diagnostics(document.uri).find((d) => d.code === 'presign-unrestricted-workteam')?.relatedInformation?.[0].location.range;
    assert.deepEqual(related(), { start: { line: 1, character: 2 }, end: { line: 1, character: 16 } });
    assert.equal(service.relatedMoved(document.uri), false);
    const team = service.getDocument(`${ROOT}/team.json`)!;
    service.setDocument(TextDocument.update(team, [{ range: { start: team.positionAt(1), end: team.positionAt(1) }, text: '\n' }], 2));
    assert.equal(service.relatedMoved(document.uri), true);
    assert.deepEqual(related(), { start: { line: 2, character: 2 }, end: { line: 2, character: 16 } });
    assert.equal(service.relatedMoved(document.uri), false);
  });
});

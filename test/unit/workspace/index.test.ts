import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, SCRIPT, messageText, serviceWith } from '../../helpers/service';
import { sameFacts } from '../../../server/src/service/workspace/index';

/**
 * A document that counts how often the service reads anything of it (its URI, version, language,
 * text...): the seam through which a test sees what a keystroke in another file looks at.
 */
function readCounting(inner: TextDocument): { document: TextDocument; reads: number } {
  const counted = { document: inner, reads: 0 };
  counted.document = new Proxy(inner, {
    get(target, key) {
      counted.reads++;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return counted;
}

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
    assert.ok(facts?.template && teamFacts?.workteams);
    const findings = service.findings(document.uri);
    const recomputed = () => service.findings(document.uri).some((f, i) => f !== findings[i]);
    service.configure({ ...service.getSettings() });
    assert.equal(recomputed(), false);
    service.configure({ ...service.getSettings(), checks: { 'missing-crowd-form': 'off' } });
    assert.equal(service.prepareFacts(document.uri), facts);
    assert.equal(service.prepareFacts(`${ROOT}/team.json`), teamFacts);
    assert.equal(recomputed(), true);
  });

  it('keeps cross-file findings through edits that move facts without changing them, and outdates them when a fact changes', () => {
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
    const policyUri = `${ROOT}/bucket-policy.json`;
    const teamUri = `${ROOT}/team.json`;
    const uris = [document.uri, policyUri, teamUri];
    for (const uri of uris) service.findings(uri);
    const version = service.crossFileVersion();
    assert.equal(service.crossFileVersion(), version, 'nothing changed, nothing moved');
    const edit = (doc: TextDocument, at: number, text: string) => {
      const next = TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text }], doc.version + 1);
      service.setDocument(next);
      return next;
    };
    const template = edit(document, 0, '<!-- reviewed -->\n');
    edit(service.getDocument(policyUri)!, 1, '\n  ');
    edit(service.getDocument(teamUri)!, 1, '\n');
    // Moves count (findings that point at the moved places follow them), but no fact changed:
    // the bucket policy's checks read the workteam, which moved, and point at nothing.
    assert.notEqual(service.crossFileVersion(), version);
    assert.equal(service.crossFileOutdated(policyUri), false);
    for (const uri of uris) service.findings(uri);
    const moved = service.crossFileVersion();
    assert.deepEqual(
      uris.map((uri) => service.crossFileOutdated(uri)),
      [false, false, false],
    );
    edit(template, template.getText().indexOf('grant_read_access'), 's3_presign | ');
    assert.notEqual(service.crossFileVersion(), moved);
    // The workteam lists the templates that presign for it; the policy does not read templates.
    assert.equal(service.crossFileOutdated(teamUri), true);
    assert.equal(service.crossFileOutdated(policyUri), false);
  });

  it("finds the template's findings out of date when the places they point at move, and points at the new places", () => {
    const { service, document } = serviceWith(TEMPLATE, { files: { 'team.json': BARE_TEAM }, settings: { jsonFiles: { 'team.json': 'CreateWorkteam' } } });
    const related = () => service.diagnostics(document.uri).find((d) => d.code === 'presign-unrestricted-workteam')?.relatedInformation?.[0].location.range;
    assert.deepEqual(related(), { start: { line: 1, character: 2 }, end: { line: 1, character: 16 } });
    assert.equal(service.crossFileOutdated(document.uri), false);
    const team = service.getDocument(`${ROOT}/team.json`)!;
    service.setDocument(TextDocument.update(team, [{ range: { start: team.positionAt(1), end: team.positionAt(1) }, text: '\n' }], 2));
    assert.equal(service.crossFileOutdated(document.uri), true);
    assert.deepEqual(related(), { start: { line: 2, character: 2 }, end: { line: 2, character: 16 } });
    assert.equal(service.crossFileOutdated(document.uri), false);
  });

  it('finds cross-file findings out of date only when a kind of fact their checks read changes', () => {
    const { service, document } = serviceWith(TEMPLATE, { files: { 'team.json': BARE_TEAM }, settings: { jsonFiles: { 'team.json': 'CreateWorkteam' } } });
    const team = `${ROOT}/team.json`;
    service.findings(document.uri);
    service.findings(team);
    // Another template that presigns: the workteam lists it, the first template does not care.
    service.setDocument(TextDocument.create(`${ROOT}/other.liquid.html`, 'html', 1, TEMPLATE));
    assert.equal(service.crossFileOutdated(document.uri), false);
    assert.equal(service.crossFileOutdated(team), true);
    service.findings(team);
    assert.equal(service.crossFileOutdated(team), false);
    // The workteam gains its IP restriction: the template's finding goes.
    const restricted = BARE_TEAM.replace(
      '"reviewers"',
      '"reviewers",\n  "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": {"SourceIp": "Enabled"}}}',
    );
    service.setDocument(TextDocument.create(team, 'json', 2, restricted));
    assert.equal(service.crossFileOutdated(document.uri), true);
    assert.deepEqual(
      service.diagnostics(document.uri).filter((d) => d.code === 'presign-unrestricted-workteam'),
      [],
    );
    assert.equal(service.crossFileOutdated(document.uri), false);
  });

  it('reads the buckets of a sample input apart: typing in it leaves the template facts alone, and the A2I check follows it', () => {
    const a2i = `${SCRIPT}<crowd-form><crowd-textract-analyze-document src="{{ task.input.document | grant_read_access }}" initial-value="{{ task.input.selectedAiServiceResponse.blocks }}"></crowd-textract-analyze-document></crowd-form>`;
    const cors = JSON.stringify({ Bucket: 'a2i-input', CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] } });
    const { service, document } = serviceWith(a2i, { files: { 'task.input.json': '{"document": "s3://a2i-input/forms/1.png"}', 'cors.json': cors } });
    const a2iFindings = () => service.diagnostics(document.uri).filter((d) => d.code === 'a2i-bucket-missing-cors');
    assert.deepEqual(a2iFindings(), []);
    const facts = service.prepareFacts(document.uri);
    service.setDocument(TextDocument.create(`${ROOT}/task.input.json`, 'json', 2, '{"document": "s3://other-bucket/forms/1.png"}'));
    const [seen] = a2iFindings();
    assert.ok(seen);
    assert.match(messageText(seen), /reads from bucket "other-bucket", and no CORS configuration in the workspace is for it/);
    assert.equal(service.prepareFacts(document.uri), facts);
  });

  it('knows which templates read a sample input as templates come and go, and as settings change', () => {
    const { service, document } = serviceWith(TEMPLATE, { files: { 'samples/shared.json': '{}', 'review.html': TEMPLATE } });
    const shared = `${ROOT}/samples/shared.json`;
    assert.deepEqual(service.templatesUsingSample(`${ROOT}/task.input.json`), [document.uri]);
    assert.deepEqual(service.templatesUsingSample(shared), []);
    service.configure({ ...service.getSettings(), sampleInputs: { '*.html': 'samples/shared.json' } });
    assert.deepEqual(service.templatesUsingSample(shared).sort(), [`${ROOT}/review.html`, document.uri]);
    service.removeDocument(document.uri);
    // A plain .html file stops being a template once it has no crowd elements, crowd script or task.input.
    service.setDocument(TextDocument.create(`${ROOT}/review.html`, 'html', 2, '<p>notes</p>'));
    assert.deepEqual(service.templatesUsingSample(shared), []);
    service.setDocument(TextDocument.create(`${ROOT}/new.liquid.html`, 'html', 1, TEMPLATE));
    assert.deepEqual(service.templatesUsingSample(shared), [`${ROOT}/new.liquid.html`]);
  });

  it('shows each document the files of its own workspace folder, also after the folders change', () => {
    const team = '{\n  "WorkteamName": "reviewers",\n  "Description": "d",\n  "MemberDefinitions": []\n}';
    const { service, document } = serviceWith(TEMPLATE, { files: { 'teams/workteam.json': team }, settings: { workspaceFolders: [ROOT, `${ROOT}/teams`] } });
    const presign = () => service.diagnostics(document.uri).filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.deepEqual(presign(), []);
    service.configure({ ...service.getSettings(), workspaceFolders: [ROOT] });
    assert.equal(presign().length, 1);
    service.configure({ ...service.getSettings(), workspaceFolders: [`${ROOT}/teams`] });
    assert.deepEqual(presign(), []);
  });

  it("leaves a document's facts to its own findings run when the host validates it next", () => {
    const plain = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject }}">\n</crowd-form>\n`;
    const { service, document } = serviceWith(plain, {
      files: { 'team.json': BARE_TEAM },
      settings: { jsonFiles: { 'team.json': 'CreateWorkteam' } },
    });
    const teamUri = `${ROOT}/team.json`;
    service.findings(document.uri);
    service.findings(teamUri);
    const before = service.crossFileVersion();
    const at = plain.indexOf(' }}');
    const edited = readCounting(
      TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at) }, text: ' | grant_read_access' }], 2),
    );
    service.setDocument(edited.document, { validateNext: true });
    edited.reads = 0;
    // Another document's run, and the host's look at the cross-file version, leave it unread.
    service.findings(teamUri);
    assert.equal(service.crossFileVersion(), before);
    assert.equal(service.crossFileOutdated(teamUri), false);
    assert.equal(edited.reads, 0);
    // Its own run works its facts out: the workteam, which presigning templates concern, is out of date.
    service.findings(edited.document.uri);
    assert.notEqual(service.crossFileVersion(), before);
    assert.equal(service.crossFileOutdated(teamUri), true);
  });

  it('looks only at the edited document on a keystroke, however many files the workspace has', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      files[`t${i}/task.liquid.html`] = TEMPLATE;
      files[`p${i}/policy.json`] = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    }
    const { service, document } = serviceWith(TEMPLATE, {
      settings: { jsonFiles: { 'team.json': 'CreateWorkteam' } },
      files: { 'team.json': BARE_TEAM },
    });
    const others = Object.entries(files).map(([name, text]) =>
      readCounting(TextDocument.create(`${ROOT}/${name}`, name.endsWith('.json') ? 'json' : 'html', 1, text)),
    );
    for (const other of others) service.setDocument(other.document);
    const uris = service.allDocuments().map((d) => d.uri);
    for (const uri of uris) service.findings(uri);
    service.templatesUsingSample(`${ROOT}/task.input.json`);
    service.crossFileVersion();
    for (const other of others) other.reads = 0;
    let team = service.getDocument(`${ROOT}/team.json`)!;
    let template = document;
    for (let version = 2; version < 5; version++) {
      team = TextDocument.update(team, [{ range: { start: team.positionAt(1), end: team.positionAt(1) }, text: ' ' }], version);
      service.setDocument(team);
      service.templatesUsingSample(team.uri);
      service.findings(team.uri);
      template = TextDocument.update(template, [{ range: { start: template.positionAt(0), end: template.positionAt(0) }, text: ' ' }], version);
      service.setDocument(template);
      service.templatesUsingSample(template.uri);
      service.findings(template.uri);
      service.crossFileVersion();
      for (const uri of uris) service.crossFileOutdated(uri);
    }
    assert.deepEqual(
      others.filter((d) => d.reads > 0).map((d) => d.document.uri),
      [],
    );
    // The edits were seen: the workteam's findings now name the template.
    assert.ok(service.findings(team.uri).length > 0);
  });
});

describe('facts compared', () => {
  it('as their JSON would compare, positions left out when asked, with no JSON made', () => {
    const gate = { buckets: ['b'], anchor: { start: 1, end: 5 }, text: '{}' };
    assert.ok(sameFacts({ ipGates: [gate] }, { ipGates: [{ ...gate }] }, true));
    assert.ok(!sameFacts({ ipGates: [gate] }, { ipGates: [{ ...gate, anchor: { start: 2, end: 6 } }] }, true));
    assert.ok(sameFacts({ ipGates: [gate] }, { ipGates: [{ ...gate, anchor: { start: 2, end: 6 } }] }, false));
    assert.ok(!sameFacts({ ipGates: [gate] }, { ipGates: [{ ...gate, buckets: ['c'] }] }, false));
    assert.ok(!sameFacts({ ipGates: [gate] }, { ipGates: [gate, gate] }, false));
    // A member whose value is undefined is no member, as in JSON.
    assert.ok(sameFacts({ workforce: undefined, job: {} }, { job: {} }, true));
    assert.ok(sameFacts({ job: {} }, { job: {}, trusts: undefined }, true));
    assert.ok(!sameFacts({ job: {} }, { job: { role: undefined, kmsKeyId: { start: 0, end: 1, value: 'k' } } }, true));
    assert.ok(!sameFacts([1], { 0: 1 }, true));
    assert.ok(!sameFacts(undefined, {}, true));
  });
});

import * as assert from 'node:assert/strict';
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
});

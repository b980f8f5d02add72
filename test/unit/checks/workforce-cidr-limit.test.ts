import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const cidrs = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `203.0.${i}.0/24`));

describe('workforce-cidr-limit', () => {
  it('reports the blocks past the tenth', () => {
    const [seen] = jsonDiagnostics(`{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ${cidrs(12)}}}`).filter((d) => d.code === 'workforce-cidr-limit');
    assert.equal(seen.text, '"203.0.10.0/24","203.0.11.0/24"');
    assert.match(seen.message, /^SourceIpConfig\.Cidrs has 12 CIDR blocks; a workforce accepts at most 10\./);
  });

  it('says how many are over the limit, in a sentence that fits one or several', () => {
    const finding = (n: number) =>
      jsonDiagnostics(`{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ${cidrs(n)}}}`).find((d) => d.code === 'workforce-cidr-limit')!;
    assert.equal(finding(11).text, '"203.0.10.0/24"');
    assert.match(finding(11).message, /at most 10\. The last one is over the limit: merge adjacent blocks/);
    assert.match(finding(12).message, /at most 10\. These 2 are over the limit: merge adjacent blocks/);
  });

  it('does not report ten blocks', () => {
    assert.deepEqual(jsonFlagged('workforce-cidr-limit', `{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ${cidrs(10)}}}`), []);
  });
});

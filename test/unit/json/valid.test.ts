/**
 * No false alarms: ordinary, correct files of every recognised kind (test/fixtures/json/valid),
 * one at a time and as one workspace, and the benchmark's generated policy, get no finding.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { generatePolicy } from '../../helpers/generate';
import { jsonDiagnostics, jsonServiceWith } from '../../helpers/service';

const FOLDER = path.resolve(__dirname, '../../../../test/fixtures/json/valid');
const FILES = Object.fromEntries(readdirSync(FOLDER).map((name) => [name, readFileSync(path.join(FOLDER, name), 'utf8')]));

describe('valid JSON files', () => {
  for (const [name, text] of Object.entries(FILES)) {
    it(`${name} is recognised and does not report anything, alone or with the others`, () => {
      const { service, document } = jsonServiceWith(text, { name });
      assert.equal(service.kindOf(document), 'json', `${name} should be recognised`);
      const alone = service.diagnostics(document.uri).map((d) => `${d.code}: ${document.getText(d.range)}`);
      assert.deepEqual(alone, []);
      const others = Object.fromEntries(Object.entries(FILES).filter(([n]) => n !== name));
      assert.deepEqual(
        jsonDiagnostics(text, { name, files: others }).map((d) => `${d.code}: ${d.text}`),
        [],
      );
    });
  }

  it("the benchmark's generated policy does not report anything", () => {
    assert.deepEqual(
      jsonDiagnostics(generatePolicy(50_000)).map((d) => `${d.code}: ${d.text}`),
      [],
    );
  });
});

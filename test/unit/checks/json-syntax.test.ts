import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

describe('json-syntax', () => {
  it('reports a missing comma at the exact place, and still runs the other checks', () => {
    const text = '{\n  "WorkteamName": "team"\n  "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": {"SourceIp": "enabled"}}}\n}';
    const seen = jsonDiagnostics(text);
    const syntax = seen.find((d) => d.code === 'json-syntax')!;
    assert.equal(syntax.message, 'Expected ",".');
    // The member that follows the missing comma, where the parser stopped.
    assert.equal(syntax.text, '"WorkerAccessConfiguration"');
    assert.deepEqual(syntax.diagnostic.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 29 } });
    assert.deepEqual(
      seen.filter((d) => d.code === 'invalid-enum-value').map((d) => d.text),
      ['"enabled"'],
    );
  });

  it('reports a trailing comma on the comma, and removes it', () => {
    const text = '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]\n}';
    assert.deepEqual(jsonFlagged('json-syntax', text), [',']);
    assert.equal(
      applyJsonFix('json-syntax', text, 'Remove the trailing comma'),
      '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]\n}',
    );
  });

  it('reports a # comment line once, over the whole comment, not once per word', () => {
    const text = '{\n  # the workteam for reviewers\r\n  "WorkteamName": "t", # trailing note\n  "Description": "d"\n}';
    assert.deepEqual(jsonFlagged('json-syntax', text), ['# the workteam for reviewers', '# trailing note']);
    assert.equal(jsonDiagnostics(text).find((d) => d.code === 'json-syntax')!.message, 'Comments are not allowed: AWS rejects them.');
  });

  it('reports comments, which AWS rejects', () => {
    const [seen] = jsonDiagnostics('{\n  // the input bucket\n  "CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]\n}').filter(
      (d) => d.code === 'json-syntax',
    );
    assert.match(seen.message, /Comments are not allowed/);
  });

  it('survives a file nested too deeply to read, and says so when gtTemplates.jsonFiles says what the file is', () => {
    const text = `{"Statement": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    assert.deepEqual(jsonDiagnostics(text, { name: 'deep.json' }), []);
    const seen = jsonDiagnostics(text, { name: 'deep.json', settings: { jsonFiles: { 'deep.json': 'Policy' } } });
    assert.deepEqual(
      seen.map((d) => [d.code, d.text, d.message]),
      [['json-syntax', '{', 'The JSON is nested too deeply to read.']],
    );
  });

  it('does not report valid JSON, or JSON files that are none of ours', () => {
    assert.deepEqual(jsonFlagged('json-syntax', '{"CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]}'), []);
    assert.deepEqual(jsonFlagged('json-syntax', '{ "name": "my-package", "version": "1.0.0", }', { name: 'package.json' }), []);
    assert.deepEqual(jsonFlagged('json-syntax', '', { name: 'empty.json' }), []);
    // Over 1 MB a file is data, not a policy or a request: not parsed on every keystroke.
    assert.deepEqual(jsonDiagnostics(`{"Statement": [${'{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},'.repeat(20_000)}]}`), []);
  });
});

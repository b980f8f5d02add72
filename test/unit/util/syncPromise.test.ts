import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/service/languageService';
import { SyncPromise, settled } from '../../../server/src/service/util/syncPromise';

describe('reading a synchronous promise', () => {
  it('gives the value of a settled one, and throws its rejection', () => {
    assert.equal(
      settled(
        SyncPromise.resolve(3).then((n) => n * 2),
        'doubling',
      ),
      6,
    );
    assert.throws(() => settled(SyncPromise.reject(new Error('no schema')), 'hover'), /no schema/);
  });

  it('throws, naming the feature, when the promise really waits: completion must not come back empty in silence', () => {
    assert.throws(
      () => settled(new Promise<number>((resolve) => setTimeout(() => resolve(1), 1)), 'JSON completion'),
      /JSON completion did not answer synchronously/,
    );
  });
});

describe('JSON completion where vscode-json-languageservice answers with a native promise', () => {
  it('answers nothing, without an error (the fuzz test found it)', () => {
    const text =
      '{\n  "Version": <script"2012-10-17",\n  "Statement": [\n    {\n      "Sid"\r3:::my-review-bucket/*"],\n      "Condition": {\n        "StringEquals": { "aws:SourceIp": "203.0.113.0/24" }\n      }\n    }\n  ]\n}\n';
    const service = createLanguageService();
    const document = TextDocument.create('file:///ws/preview-role-policy.json', 'json', 1, text);
    service.setDocument(document);
    assert.equal(service.completions(document.uri, { line: 5, character: 21 }), null);
  });
});

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderTemplate } from '../../../server/src/render/liquid';
import { generatedInput } from '../../helpers/sampleInput';
import { CORPUS, corpusFiles } from '../../helpers/corpus';

describe('local renderer: the public template corpus', () => {
  for (const file of corpusFiles()) {
    const name = path.relative(CORPUS, file);
    it(`${name} renders with a generated input`, async () => {
      const template = readFileSync(file, 'utf8');
      const input = generatedInput(template);
      const result = await renderTemplate(template, input);
      assert.deepEqual(result.errors, []);
      assert.ok(result.html.length > 0);
      assert.ok(!/\{\{|\{%/.test(result.html.replace(/<script[\s\S]*?<\/script>/g, '')), 'no Liquid left outside scripts');
      if (/task\.input[\w.\-[\]'"]*\s*\|\s*(grant_read_access|s3_presign)/.test(template)) {
        assert.match(result.html, /data:image\/svg\+xml,/, 'presigned inputs became placeholders');
      }
    });
  }
});

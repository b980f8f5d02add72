/** Every check is registered once, documented, configurable, and exercised by its own spec. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { manifestCheckProperties, readmeTable } from '../../server/src/service/checks/catalog';
import { ALL_CHECKS } from '../../server/src/service/checks/registry';

const ROOT = path.resolve(__dirname, '../../..');
const metas = ALL_CHECKS.map((c) => c.meta);

describe('check registry', () => {
  it('has unique kebab-case codes', () => {
    const codes = metas.map((m) => m.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const meta of metas) {
    describe(meta.code, () => {
      it('has a documentation page that names it', () => {
        const page = path.join(ROOT, 'docs/checks', `${meta.code}.md`);
        assert.ok(existsSync(page), `missing docs/checks/${meta.code}.md`);
        assert.match(readFileSync(page, 'utf8'), new RegExp(`^# \`${meta.code}\``));
      });

      it('has its own spec, which covers a case where it does not report', () => {
        const spec = path.join(ROOT, 'test/unit/checks', `${meta.code}.test.ts`);
        assert.ok(existsSync(spec), `missing test/unit/checks/${meta.code}.test.ts`);
        assert.match(readFileSync(spec, 'utf8'), /does not report/);
      });

      it('lives in a file named after its code', () => {
        assert.ok(existsSync(path.join(ROOT, 'server/src/service/checks', meta.scope, `${meta.code}.ts`)));
      });
    });
  }

  it('is listed in the README and in the settings schema exactly as the registry says (npm run sync:catalog)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(readmeTable(metas)), 'README check table is out of date: run npm run sync:catalog');
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(
      manifest.contributes.configuration.properties['gtTemplates.checks'].properties,
      manifestCheckProperties(metas),
      'package.json settings schema is out of date: run npm run sync:catalog',
    );
  });
});

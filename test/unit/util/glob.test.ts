import * as assert from 'node:assert/strict';
import { readSettings } from '../../../server/src/service/settings';
import { compileGlob, matchesGlob } from '../../../server/src/service/util/glob';
import { sampleInputCandidates } from '../../../server/src/service/templateFiles';

describe('globs in settings', () => {
  const matching = (glob: string, paths: string[]) => paths.filter((p) => matchesGlob(p, glob));
  const paths = ['a.html', 'a.liquid', 'a.json', 'tasks/b.liquid.html', 'tasks/deep/c.html', 'other/d.htm'];

  it('match wildcards, names anywhere and folders', () => {
    assert.deepEqual(matching('*.html', paths), ['a.html', 'tasks/b.liquid.html', 'tasks/deep/c.html']);
    assert.deepEqual(matching('tasks/**', paths), ['tasks/b.liquid.html', 'tasks/deep/c.html']);
    assert.deepEqual(matching('**/?.htm', paths), ['other/d.htm']);
  });

  it('match each alternative of braces, wildcards inside included', () => {
    assert.deepEqual(matching('{*.html,*.liquid}', paths), ['a.html', 'a.liquid', 'tasks/b.liquid.html', 'tasks/deep/c.html']);
    assert.deepEqual(matching('{tasks/**/*.html,other/*}', paths), ['tasks/b.liquid.html', 'tasks/deep/c.html', 'other/d.htm']);
    assert.deepEqual(matching('tasks/{b.{liquid.html,x},deep/*}', paths), ['tasks/b.liquid.html', 'tasks/deep/c.html']);
    assert.deepEqual(matching('{a.json', paths), []);
  });

  it('match character classes, negated and ranges, and take an unclosed one literally', () => {
    assert.deepEqual(matching('[ab].json', ['a.json', 'b.json', 'c.json', '[ab].json']), ['a.json', 'b.json']);
    assert.deepEqual(matching('[!a].json', ['a.json', 'b.json']), ['b.json']);
    assert.deepEqual(matching('v[0-9].html', ['v1.html', 'vx.html']), ['v1.html']);
    assert.deepEqual(matching('[a.json', ['[a.json', 'a.json']), ['[a.json']);
  });

  it('match dot files, a lone ** everything, and ./ as the folder', () => {
    assert.deepEqual(matching('**', ['.hidden.json', 'a/b/c.json']), ['.hidden.json', 'a/b/c.json']);
    assert.deepEqual(matching('./tasks/*.html', paths), ['tasks/b.liquid.html']);
  });

  it('answer at once on globs that make a backtracking matcher run for minutes', () => {
    const deep = 'a/'.repeat(300) + 'c';
    assert.equal(matchesGlob(deep, '**/a/'.repeat(4) + 'b'), false);
    assert.equal(matchesGlob(deep, '**/'.repeat(30) + 'c'), true);
    assert.equal(matchesGlob('a'.repeat(255), '*a'.repeat(20) + 'b'), false);
    assert.equal(matchesGlob('a'.repeat(255), '*a'.repeat(20)), true);
  });

  it('refuse globs too long, too deeply nested or expanding too far, which then match nothing', () => {
    const refused = ['{'.repeat(10_000) + 'a' + '}'.repeat(10_000), '{'.repeat(9) + 'a' + '}'.repeat(9), 'a'.repeat(1 << 20), '{a,b}'.repeat(20)];
    assert.deepEqual(
      refused.map((g) => {
        const c = compileGlob(g);
        return c.ok ? 'accepted' : c.reason;
      }),
      ['is longer than 1,000 characters', 'nests brace groups deeper than 8', 'is longer than 1,000 characters', 'expands to more than 256 alternatives'],
    );
    assert.equal(matchesGlob('a', '{'.repeat(8) + 'a' + '}'.repeat(8)), true);
    assert.equal(matchesGlob('a', refused[0]), false);
  });

  it('are refused in settings with one warning naming the setting, the other settings kept', () => {
    const warnings: string[] = [];
    const deep = '{'.repeat(9) + 'a' + '}'.repeat(9);
    const settings = readSettings(
      {
        jsonFiles: { [deep]: 'Policy', 'teams/*.json': 'CreateWorkteam' },
        sampleInputs: { ['x'.repeat(1 << 20)]: 'in.json', '*.html': 'in.json' },
        checks: { 'json-syntax': 'off' },
      },
      (m) => warnings.push(m),
    );
    assert.deepEqual(settings, { jsonFiles: { 'teams/*.json': 'CreateWorkteam' }, sampleInputs: { '*.html': 'in.json' }, checks: { 'json-syntax': 'off' } });
    assert.deepEqual(warnings, [
      `gtTemplates.sampleInputs["${'x'.repeat(56)}...] is longer than 1,000 characters; it is ignored.`,
      'gtTemplates.jsonFiles["{{{{{{{{{a}}}}}}}}}"] nests brace groups deeper than 8; it is ignored.',
    ]);
  });

  it('choose sample inputs', () => {
    const settings = { sampleInputs: { 'tasks/{*.liquid.html,*.liquid}': 'samples/in.json' }, workspaceFolders: ['file:///ws'] };
    assert.deepEqual(sampleInputCandidates('file:///ws/tasks/b.liquid', settings), ['file:///ws/samples/in.json', 'file:///ws/tasks/b.input.json']);
  });
});

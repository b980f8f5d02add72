import * as assert from 'node:assert/strict';
import { matchesGlob } from '../../../server/src/service/util/glob';
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

  it('choose sample inputs', () => {
    const settings = { sampleInputs: { 'tasks/{*.liquid.html,*.liquid}': 'samples/in.json' }, workspaceFolders: ['file:///ws'] };
    assert.deepEqual(sampleInputCandidates('file:///ws/tasks/b.liquid', settings), ['file:///ws/samples/in.json', 'file:///ws/tasks/b.input.json']);
  });
});

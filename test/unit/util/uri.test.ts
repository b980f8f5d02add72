import * as assert from 'node:assert/strict';
import { canonicalFolder, canonicalUri } from '../../../server/src/service/util/uri';
import { sampleInputCandidates } from '../../../server/src/service/templateFiles';

describe('URI spelling', () => {
  it('spells a URI as VS Code does, whoever wrote it', () => {
    assert.equal(canonicalUri('file:///ws/forms%20(v2)/team%20(prod).json'), 'file:///ws/forms%20%28v2%29/team%20%28prod%29.json');
    assert.equal(canonicalUri("file:///ws/it's!*.json"), 'file:///ws/it%27s%21%2A.json');
    assert.equal(canonicalUri('file:///C:/proj/team.json'), 'file:///c%3A/proj/team.json');
    assert.equal(canonicalFolder('file:///C:/proj/'), 'file:///c%3A/proj');
  });

  it('names the sample input beside a template as the editor names that file', () => {
    assert.deepEqual(sampleInputCandidates('file:///ws/form%20%28v2%29.liquid.html', { sampleInputs: {}, workspaceFolders: ['file:///ws'] }), [
      'file:///ws/form%20%28v2%29.input.json',
    ]);
    assert.deepEqual(
      sampleInputCandidates('file:///c%3A/proj/a.liquid.html', { sampleInputs: { '*.html': 'in/shared (1).json' }, workspaceFolders: ['file:///c%3A/proj'] }),
      ['file:///c%3A/proj/in/shared%20%281%29.json', 'file:///c%3A/proj/a.input.json'],
    );
  });
});

describe('sample inputs named in settings', () => {
  const candidates = (input: string, folder = 'file:///ws') =>
    sampleInputCandidates(`${folder}/tasks/a.liquid.html`, { sampleInputs: { 'tasks/*.html': input }, workspaceFolders: [folder] }).slice(0, -1);

  it('resolve inside the workspace folder, relative or absolute', () => {
    assert.deepEqual(candidates('samples/../samples/in.json'), ['file:///ws/samples/in.json']);
    assert.deepEqual(candidates('samples\\in.json'), ['file:///ws/samples/in.json']);
    assert.deepEqual(candidates('/ws/samples/in.json'), ['file:///ws/samples/in.json']);
    assert.deepEqual(candidates('C:\\proj\\samples\\in.json', 'file:///c%3A/proj'), ['file:///c%3A/proj/samples/in.json']);
  });

  it('are ignored when they lead outside it', () => {
    for (const input of ['../secrets.json', 'samples/../../secrets.json', '/etc/secrets.json', 'C:/data/input.json', '', '.']) {
      assert.deepEqual(candidates(input), [], input);
    }
    assert.deepEqual(candidates('D:/proj/in.json', 'file:///c%3A/proj'), []);
    assert.deepEqual(candidates('../wsx/in.json'), []);
  });
});

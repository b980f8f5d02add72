import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chooseSampleInput, parseInputText } from '../../../client/src/preview/input';
import { fileUri } from '../../../server/src/service/util/uri';
import { sampleInputCandidates } from '../../../server/src/service/templateFiles';
import { ROOT, serviceWith } from '../../helpers/service';

describe('preview input', () => {
  it('reads sample inputs as the language server does: comments and trailing commas allowed', () => {
    assert.deepEqual(parseInputText('a.input.json', '// the task\n{ "taskObject": "s3://b/k.jpg", }\n'), {
      label: 'a.input.json',
      uri: undefined,
      value: { taskObject: 's3://b/k.jpg' },
    });
  });

  it('says which file is broken and where, instead of rendering', () => {
    assert.deepEqual(parseInputText('samples/a.input.json', '{\n  "a": 1\n  "b": 2\n}', 'file:///ws/samples/a.input.json'), {
      label: 'samples/a.input.json',
      uri: 'file:///ws/samples/a.input.json',
      error: 'The sample input samples/a.input.json is not valid JSON (CommaExpected on line 3): fix it or choose another input.',
    });
    assert.match(parseInputText('e.input.json', '  ').error!, /is empty/);
  });

  it('finds the same sample input as the checks: settings first, then <name>.input.json beside the template', () => {
    const settings = { sampleInputs: { 'tasks/*.liquid.html': 'samples/shared.json' }, workspaceFolders: ['file:///ws'] };
    assert.deepEqual(sampleInputCandidates('file:///ws/tasks/bounding-box.liquid.html', settings), [
      'file:///ws/samples/shared.json',
      'file:///ws/tasks/bounding-box.input.json',
    ]);
    assert.deepEqual(sampleInputCandidates('file:///ws/other/x.html', settings), ['file:///ws/other/x.input.json']);
  });

  it('picks, in every case, the sample input the language server reads for the checks', async () => {
    const template = 'tasks/box.liquid.html';
    const cases: { files: string[]; sampleInputs?: Record<string, string> }[] = [
      { files: ['tasks/box.input.json'] },
      { files: [] },
      { files: ['samples/shared.json', 'tasks/box.input.json'], sampleInputs: { 'tasks/*.liquid.html': 'samples/shared.json' } },
      // The setting names a file that does not exist: both fall back to the one beside the template.
      { files: ['tasks/box.input.json'], sampleInputs: { 'tasks/*.liquid.html': 'samples/missing.json' } },
      { files: ['samples/a.json', 'samples/b.json'], sampleInputs: { 'tasks/box.liquid.html': 'samples/b.json', '**/*.liquid.html': 'samples/a.json' } },
      { files: ['samples/a.json'], sampleInputs: { 'other/*.liquid.html': 'samples/a.json' } },
    ];
    for (const { files, sampleInputs = {} } of cases) {
      const { service } = serviceWith(
        '<crowd-form></crowd-form>',
        {
          files: Object.fromEntries(files.map((f) => [f, '{ "taskObject": "s3://b/k.jpg" }'])),
          settings: { sampleInputs },
        },
        template,
      );
      const server = service.sampleInputFor(`${ROOT}/${template}`)?.uri;
      const held = new Set(files.map((f) => `${ROOT}/${f}`));
      const preview = await chooseSampleInput(sampleInputCandidates(`${ROOT}/${template}`, { sampleInputs, workspaceFolders: [ROOT] }), [ROOT], async (uri) =>
        held.has(uri),
      );
      assert.equal(preview, server, JSON.stringify({ files, sampleInputs }));
    }
  });

  it('skips a sample input that a symbolic link leads out of the workspace folder, and takes one that stays inside', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'gt-preview-input-'));
    try {
      const folder = path.join(parent, 'repo');
      mkdirSync(path.join(parent, 'outside'));
      mkdirSync(path.join(folder, 'samples'), { recursive: true });
      writeFileSync(path.join(parent, 'outside', 'secret.input.json'), '{ "token": "secret" }');
      writeFileSync(path.join(folder, 'samples', 'secret.input.json'), '{ "token": "inside" }');
      symlinkSync('../outside', path.join(folder, 'link-out'));
      symlinkSync('samples', path.join(folder, 'link-in'));
      const root = fileUri(folder);
      const choose = (link: string) =>
        chooseSampleInput(
          sampleInputCandidates(`${root}/task.liquid.html`, { sampleInputs: { '**': `${link}/secret.input.json` }, workspaceFolders: [root] }),
          [root],
          async () => true,
        );
      assert.equal(await choose('link-out'), `${root}/task.input.json`);
      assert.equal(await choose('link-in'), `${root}/link-in/secret.input.json`);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

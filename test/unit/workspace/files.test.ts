/**
 * The one reading of file names the server, gtlint and CloudFormation recognition share.
 */
import * as assert from 'node:assert/strict';
import { isDataFile, isWorkspaceFile, isWorkspaceFileName, languageOfFileName } from '../../../server/src/service/workspace/files';

describe('workspace/files', () => {
  it("says a file's language by its name, CloudFormation's .template as YAML", () => {
    const cases: [string, string | undefined][] = [
      ['labeling.template', 'yaml'],
      ['Stack.TEMPLATE', 'yaml'],
      ['Stack.template.json', 'json'],
      ['stack.template.yaml', 'yaml'],
      ['stack.template.yml', 'yaml'],
      ['file:///ws/infra/stack.yaml', 'yaml'],
      ['settings.jsonc', 'json'],
      ['task.liquid', 'gt-liquid'],
      ['task.liquid.html', 'html'],
      ['page.htm', 'html'],
      ['template.txt', undefined],
      ['templates', undefined],
      ['README.md', undefined],
    ];
    assert.deepEqual(
      cases.map(([name]) => [name, languageOfFileName(name)]),
      cases,
    );
  });

  it('finds .template files in the workspace, and leaves .jsonc to what names it', () => {
    assert.ok(isWorkspaceFileName('labeling.template'));
    assert.ok(isWorkspaceFile('infra/labeling.template'));
    assert.ok(!isWorkspaceFile('node_modules/pkg/labeling.template'));
    assert.ok(!isWorkspaceFileName('settings.jsonc'));
    assert.ok(!isWorkspaceFileName('notes.txt'));
    assert.ok(isDataFile('huge.template', 3 * 1024 * 1024));
    assert.ok(!isDataFile('huge.liquid.html', 3 * 1024 * 1024));
  });
});

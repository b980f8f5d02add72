import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, SCRIPT, applyEdits, atCursor, jsonServiceWith, messageText, serviceWith } from '../../helpers/service';

/** The titles of the refactorings at the cursor, and the text after applying the one titled `apply`. */
function refactor(templateWithCursor: string, apply?: string) {
  const { service, document, position } = atCursor(templateWithCursor);
  const actions = service.codeActions(document.uri, { start: position, end: position }, []);
  const chosen = actions.find((a) => a.title === apply);
  return { titles: actions.map((a) => a.title), text: chosen ? applyEdits(document, chosen.edit!.changes![document.uri]) : undefined };
}

describe('code actions', () => {
  it('swaps grant_read_access for s3_presign at the cursor, and back', () => {
    const swapped = refactor('<img src="{{ task.input.img | grant_re█ad_access }}">', 'Use s3_presign instead of grant_read_access');
    assert.equal(swapped.text, '<img src="{{ task.input.img | s3_presign }}">');
    const back = refactor('{% assign u = task.input.img | s3_pre█sign %}', 'Use grant_read_access instead of s3_presign');
    assert.equal(back.text, '{% assign u = task.input.img | grant_read_access %}');
  });

  it('offers no swap away from a presign filter', () => {
    assert.deepEqual(refactor('<img src="{{ task.input.img | es█cape }}">{{ task.input.img | s3_presign }}').titles, []);
    assert.deepEqual(refactor('<p>grant_read_acc█ess</p>').titles, []);
    assert.deepEqual(refactor('{% comment %}{{ task.input.img | grant_re█ad_access }}{% endcomment %}').titles, []);
    assert.deepEqual(refactor('{% raw %}{{ task.input.img | grant_re█ad_access }}{% endraw %}').titles, []);
  });

  it('does not run the checks when the editor sends no diagnostic of ours (it asks at every cursor move)', () => {
    const { service, document, position } = atCursor('<img src="{{ task.input.img | grant_re█ad_access }}">');
    // The checks read the template's sample input; the refactorings do not. Its text being read is the checks running.
    let sampleReads = 0;
    const sample = TextDocument.create(`${ROOT}/task.input.json`, 'json', 1, '{ "img": "s3://b/k.jpg" }');
    service.setDocument(
      new Proxy(sample, {
        get(target, key) {
          if (key === 'getText') sampleReads++;
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
    const other = { range: { start: position, end: position }, message: 'from another extension', source: 'html' };
    const actions = service.codeActions(document.uri, { start: position, end: position }, [other]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Use s3_presign instead of grant_read_access'],
    );
    assert.equal(sampleReads, 0);
    // The seam sees the checks when they do run.
    service.findings(document.uri);
    assert.ok(sampleReads > 0);
  });

  it('lists a fix that two findings at one place offer once, for both', () => {
    const team = '{\n  "WorkteamName": "reviewers",\n  "Description": "d",\n  "MemberDefinitions": [{"OidcMemberDefinition": {"Groups": ["g"]}}]\n}';
    const template = `${SCRIPT}<crowd-form><img src="{{ task.input.taskObject | s3_presign }}"></crowd-form>`;
    const { service, document } = jsonServiceWith(team, { name: 'workteam.json', files: { 'task.liquid.html': template } });
    const diagnostics = service.diagnostics(document.uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, document.getText(d.range)]),
      [
        ['workteam-missing-ip-restriction', '"WorkteamName"'],
        ['presign-unrestricted-workteam', '"WorkteamName"'],
      ],
    );
    const actions = service.codeActions(document.uri, diagnostics[0].range, diagnostics);
    assert.deepEqual(
      actions.map((a) => [a.title, a.diagnostics?.map((d) => d.code)]),
      [
        ["Restrict presigned URLs to the worker's IP address (SourceIp: Enabled)", ['workteam-missing-ip-restriction', 'presign-unrestricted-workteam']],
        [
          "Restrict presigned URLs to the worker's VPC source address (VpcSourceIp: Enabled)",
          ['workteam-missing-ip-restriction', 'presign-unrestricted-workteam'],
        ],
      ],
    );
  });

  it("offers each of one check's findings at one place its own fix", () => {
    const team = (name: string) => `{"WorkteamName": "${name}", "Description": "d", "MemberDefinitions": []}`;
    const template = `${SCRIPT}<crowd-form><img src="{{ task.input.taskObject | s3_presign }}"></crowd-form>`;
    const { service, document } = serviceWith(template, { files: { 'a/workteam.json': team('a'), 'b/workteam.json': team('b') } });
    const diagnostics = service.diagnostics(document.uri).filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.equal(diagnostics.length, 2);
    const fixes = diagnostics.map((d) => {
      const [action] = service.codeActions(document.uri, d.range, [d]);
      return [/workteam "(\w)"/.exec(messageText(d))?.[1], action.title, Object.keys(action.edit!.changes!).filter((uri) => uri !== document.uri)];
    });
    assert.deepEqual(fixes, [
      ['a', "Restrict presigned URLs to the worker's IP address (SourceIp: Enabled) in a/workteam.json", ['file:///ws/a/workteam.json']],
      ['b', "Restrict presigned URLs to the worker's IP address (SourceIp: Enabled) in b/workteam.json", ['file:///ws/b/workteam.json']],
    ]);
  });
});

import * as assert from 'node:assert/strict';
import { applyFix, diagnostics, flagged, serviceWith } from '../../helpers/service';

describe('escaped-output-in-raw-text', () => {
  it('reports a presigned URL written into a script or a style', () => {
    const text = [
      "<script>const url = '{{ task.input.img | grant_read_access }}';</script>",
      '<style>.bg { background: url({{ task.input.bg | s3_presign }}); }</style>',
    ].join('\n');
    assert.deepEqual(flagged('escaped-output-in-raw-text', text), ['{{ task.input.img | grant_read_access }}', '{{ task.input.bg | s3_presign }}']);
  });

  it('moves the URL into an attribute the script reads', () => {
    const before = "  <script>\n    const url = '{{ task.input.img | grant_read_access }}';\n  </script>";
    assert.equal(
      applyFix('escaped-output-in-raw-text', before),
      '  <span id="task-value-1" data-value="{{ task.input.img | grant_read_access }}" hidden></span>\n  <script>\n    const url = document.getElementById(\'task-value-1\').dataset.value;\n  </script>',
    );
  });

  it('offers no move when a loop inside the script repeats the value', () => {
    const text = "<script>{% for i in task.input.images %}load('{{ i | grant_read_access }}');{% endfor %}</script>";
    const { service, document } = serviceWith(text);
    const [diagnostic] = service.diagnostics(document.uri).filter((d) => d.code === 'escaped-output-in-raw-text');
    assert.equal(document.getText(diagnostic.range), '{{ i | grant_read_access }}');
    assert.deepEqual(
      service.codeActions(document.uri, diagnostic.range, [diagnostic]).filter((a) => a.diagnostics?.includes(diagnostic)),
      [],
    );
  });

  it('reports escaped JSON in a script, and removes the escape', () => {
    const text = '<script>const labels = {{ task.input.labels | to_json | escape }};</script>';
    assert.deepEqual(flagged('escaped-output-in-raw-text', text), ['escape']);
    assert.equal(applyFix('escaped-output-in-raw-text', text), '<script>const labels = {{ task.input.labels | to_json }};</script>');
    const multiline = '<script>const labels = {{ task.input.labels\n  | to_json\n  | escape }};</script>';
    assert.equal(applyFix('escaped-output-in-raw-text', multiline), '<script>const labels = {{ task.input.labels\n  | to_json }};</script>');
  });

  it('reports sample values that escaping would change', () => {
    const [seen] = diagnostics("<script>var q = '{{ task.input.query }}';</script>", { files: { 'task.input.json': '{"query": "cats & dogs"}' } }).filter(
      (d) => d.code === 'escaped-output-in-raw-text',
    );
    assert.match(seen.message, /"&"/);
  });

  it('does not report outputs in attributes, raw outputs, JSON, or values escaping leaves alone', () => {
    const text = [
      '<img src="{{ task.input.img | grant_read_access }}">',
      '<script>const data = {{ task.input.items | to_json }};</script>',
      "<script>const u = '{{ task.input.img | grant_read_access | skip_autoescape }}';</script>",
      "<script>const n = '{{ task.input.name }}';</script>",
    ].join('\n');
    assert.deepEqual(flagged('escaped-output-in-raw-text', text, { files: { 'task.input.json': '{"name": "plain"}' } }), []);
  });
});

import * as assert from 'node:assert/strict';
import { hoverText } from '../../helpers/service';

const files = { 'task.input.json': JSON.stringify({ taskObject: 's3://b/cat.jpg', pairs: [{ text: 'hello' }] }) };

describe('hover', () => {
  it('explains the presigning filters, escaping and the workteam setting', () => {
    const text = hoverText('<img src="{{ task.input.a | s3_pr█esign }}">')!;
    assert.match(text, /\*\*s3_presign\*\*/);
    assert.match(text, /WorkerAccessConfiguration\.S3Presign\.IamPolicyConstraints/);
    assert.match(text, /SourceIpConfig\.Cidrs/);
    assert.match(text, /&amp;/);
    assert.match(hoverText('{{ task.input.a | grant_read_acc█ess }}')!, /\*\*grant_read_access\*\*/);
  });

  it('explains the escaping filters', () => {
    assert.match(hoverText('{{ task.input.a | skip_auto█escape }}')!, /XSS/);
    assert.match(hoverText('{{ task.input.a | to_j█son | escape }}')!, /to_json \| escape/);
  });

  it('explains tags, end tags included', () => {
    assert.match(hoverText('{% fo█r x in y %}{% endfor %}')!, /Repeats its body/);
    assert.match(hoverText('{% for x in y %}{% endf█or %}')!, /Repeats its body/);
  });

  it('shows the sample value of a task.input path, through loop variables', () => {
    assert.match(hoverText('{{ task.input.task█Object }}', { files })!, /"s3:\/\/b\/cat\.jpg"/);
    assert.match(hoverText('{% for p in task.input.pairs %}{{ p.te█xt }}{% endfor %}', { files })!, /"hello"/);
    assert.match(hoverText('{% liquid\n  assign first = task.input.pairs[0]\n%}{{ first.te█xt }}', { files })!, /"hello"/);
  });

  it('says how to add a sample input when there is none', () => {
    assert.match(hoverText('{{ task.input.task█Object }}')!, /create `task\.input\.json`/);
  });

  it('documents crowd elements and attributes where the editor has no HTML support of its own', () => {
    assert.match(hoverText('<crowd-bounding-b█ox name="a">', { languageId: 'gt-liquid' })!, /boundingBoxes/);
    assert.match(hoverText('<crowd-image-classifier categ█ories="[]">', { languageId: 'gt-liquid' })!, /at most 10/);
    assert.equal(hoverText('<crowd-bounding-b█ox name="a">', { hostHtmlLanguages: ['html'] }), undefined);
  });

  it('returns nothing on plain text', () => {
    assert.equal(hoverText('<p>just te█xt</p> task.input'), undefined);
  });
});

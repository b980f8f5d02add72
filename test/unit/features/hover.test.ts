import * as assert from 'node:assert/strict';
import { CROWD_ELEMENTS, REGION_ELEMENTS } from '../../../server/src/service/domain/crowdElements';
import { FILTERS, PRESIGN_FILTERS } from '../../../server/src/service/domain/liquid';
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

  it('follows no loop a {% comment %} or {% raw %} holds, and explains nothing inside them', () => {
    assert.equal(hoverText('{% comment %}{% for p in task.input.pairs %}{% endcomment %}{{ p.te█xt }}', { files }), undefined);
    assert.equal(hoverText('{% raw %}{% for p in task.input.pairs %}{% endraw %}{{ p.te█xt }}', { files }), undefined);
    assert.equal(hoverText('{% comment %}{{ task.input.a | s3_pr█esign }}{% endcomment %}'), undefined);
    assert.equal(hoverText('{% raw %}{{ task.input.a | s3_pr█esign }}{% endraw %}'), undefined);
  });

  it('says how to add a sample input when there is none', () => {
    assert.match(hoverText('{{ task.input.task█Object }}')!, /create `task\.input\.json`/);
  });

  it('documents crowd elements and attributes where the editor has no HTML support of its own', () => {
    assert.match(hoverText('<crowd-bounding-b█ox name="a">', { languageId: 'gt-liquid' })!, /boundingBoxes/);
    assert.match(hoverText('<crowd-image-classifier categ█ories="[]">', { languageId: 'gt-liquid' })!, /at most 10/);
    assert.equal(hoverText('<crowd-bounding-b█ox name="a">', { hostHtmlLanguages: ['html'] }), undefined);
  });

  describe('every filter', () => {
    /** The hover over a filter, split into its title line and its explanation. */
    const filterHover = (name: string) => {
      const text = hoverText(`<p>{{ task.input.a | ${name[0]}█${name.slice(1)} }}</p>`);
      assert.ok(text, `no hover on ${name}`);
      const [title, ...rest] = text.split('\n\n');
      return { title, body: rest.join('\n\n') };
    };

    for (const filter of FILTERS) {
      it(`explains ${filter.name}: what it does and how autoescaping treats its output`, () => {
        const { title, body } = filterHover(filter.name);
        assert.match(title, new RegExp(`^\\*\\*${filter.name}\\*\\*`));
        if (filter.args) assert.ok(title.includes(filter.args.join(', ')), title);
        assert.ok(body.includes(filter.docs), body);
        assert.match(body, /autoescap|HTML-escaped automatically/i);
        if (PRESIGN_FILTERS.has(filter.name)) {
          assert.match(body, /WorkerAccessConfiguration\.S3Presign\.IamPolicyConstraints/);
          assert.match(body, /`SourceIp` or `VpcSourceIp`/);
        }
      });
    }
  });

  describe('every crowd element and attribute, where the editor has no HTML support of its own', () => {
    const liquid = { languageId: 'gt-liquid' };

    for (const element of CROWD_ELEMENTS) {
      const writes = !!element.fixedKey || element.attributes.some((a) => a.name === 'name');
      it(`explains <${element.name}>${writes ? ' and what it writes into the answer' : ', which writes nothing'}`, () => {
        const text = hoverText(`<c█${element.name.slice(1)}></${element.name}>`, liquid) ?? '';
        assert.ok(text.startsWith(`**<${element.name}>**: ${element.summary}`), text);
        assert.ok(text.includes(element.docs));
        if (writes) {
          assert.ok(element.answer && element.answer.length > 15, `${element.name} writes an answer: the table must say what`);
          assert.match(text, element.fixedKey ? /\*\*Answer\*\*: written under the fixed key/ : /\*\*Answer\*\* \(under its `name`\): /);
          assert.ok(text.includes(element.answer), text);
        } else {
          assert.match(text, /Writes nothing into the answer\./);
        }
      });

      if (element.attributes.length) {
        it(`explains every attribute of <${element.name}>`, () => {
          for (const attribute of element.attributes) {
            const text = hoverText(`<${element.name} ${attribute.name[0]}█${attribute.name.slice(1)}=""></${element.name}>`, liquid) ?? '';
            assert.ok(text.startsWith(`**${attribute.name}** (on \`<${element.name}>\``), `${element.name} ${attribute.name}: ${text}`);
            assert.ok(text.includes(attribute.docs));
            for (const value of attribute.values ?? []) assert.ok(text.includes(`\`${value.value}\``), `${attribute.name}="${value.value}"`);
          }
        });
      }
    }

    for (const region of REGION_ELEMENTS) {
      it(`explains <${region.name}>, its attributes and which elements read it`, () => {
        const text = hoverText(`<${region.name[0]}█${region.name.slice(1)}></${region.name}>`, liquid) ?? '';
        assert.ok(text.startsWith(`**<${region.name}>**: ${region.docs}`), text);
        assert.ok(region.parents.every((p) => text.includes(`\`<${p}>\``)));
        for (const attribute of region.attributes) {
          const onAttribute = hoverText(`<${region.name} ${attribute.name[0]}█${attribute.name.slice(1)}=""></${region.name}>`, liquid);
          assert.ok(onAttribute?.includes(attribute.docs), `${region.name} ${attribute.name}: ${onAttribute}`);
        }
      });
    }
  });

  it('returns nothing on plain text', () => {
    assert.equal(hoverText('<p>just te█xt</p> task.input'), undefined);
  });
});

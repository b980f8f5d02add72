import * as assert from 'node:assert/strict';
import { CROWD_ELEMENTS, REGION_ELEMENTS } from '../../../server/src/service/domain/crowdElements';
import { buildHtmlCustomData } from '../../../server/src/service/features/htmlCustomData';

describe('HTML custom data for VS Code', () => {
  const data = buildHtmlCustomData();
  const tag = (name: string) => data.tags.find((t) => t.name === name);

  it('describes every crowd element and region element, once', () => {
    const names = data.tags.map((t) => t.name);
    assert.deepEqual([...names].sort(), [...CROWD_ELEMENTS.map((e) => e.name), ...REGION_ELEMENTS.map((r) => r.name)].sort());
    assert.equal(new Set(names).size, names.length);
  });

  it('carries attributes, enumerated values, boolean attributes and what the element writes', () => {
    const alert = tag('crowd-alert')!;
    assert.deepEqual(
      alert.attributes
        .find((a) => a.name === 'type')!
        .values!.map((v) => v.name)
        .sort(),
      ['error', 'info', 'success', 'warning'],
    );
    assert.equal(alert.attributes.find((a) => a.name === 'dismissible')!.valueSet, 'v');
    assert.match(tag('crowd-bounding-box')!.description.value, /boundingBoxes/);
    assert.match(tag('crowd-bounding-box')!.attributes.find((a) => a.name === 'src')!.description.value, /s3_presign/);
  });
});

/**
 * `crowdElement`: the table of crowd elements, looked up by name as HTML reads element names
 * (ASCII case ignored). Every template check asks it about every element of a page, so it answers
 * an element whose name cannot be a crowd element's without a lower-case copy of the name: every
 * name in the table must start with `crowd-` for that to hold.
 */
import * as assert from 'node:assert/strict';
import { CROWD_ELEMENTS, crowdElement } from '../../../server/src/service/domain/crowdElements';

describe('crowd elements by name', () => {
  it('are all named crowd-… in lower case, as the lookup assumes', () => {
    for (const { name } of CROWD_ELEMENTS) assert.match(name, /^crowd-[a-z0-9-]+$/);
  });

  it('are found in any ASCII case, and nothing else is', () => {
    for (const { name } of CROWD_ELEMENTS) {
      assert.equal(crowdElement(name)?.name, name);
      assert.equal(crowdElement(name.toUpperCase())?.name, name);
      assert.equal(crowdElement(`C${name.slice(1)}`)?.name, name);
    }
    for (const other of ['div', 'c', '', 'crowd', 'crowd-', 'crowd-x', 'full-instructions', 'Crowdform']) assert.equal(crowdElement(other), undefined, other);
  });
});

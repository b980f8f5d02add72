import * as assert from 'node:assert/strict';
import { readSettings } from '../../server/src/service/settings';

describe('reading the gtTemplates settings', () => {
  const read = (section: unknown) => {
    const warnings: string[] = [];
    return { settings: readSettings(section, (m) => warnings.push(m)), warnings };
  };

  it('keeps every valid value', () => {
    const section = {
      checks: { 'unknown-filter': 'off', 'unnamed-crowd-field': 'error' },
      sampleInputs: { 'tasks/*.liquid.html': 'samples/input.json' },
      jsonFiles: { 'teams/*.json': 'UpdateWorkteam', 'data/**': 'none' },
    };
    assert.deepEqual(read(section), { settings: section, warnings: [] });
  });

  it('drops each wrong value with a warning that names it, and keeps the rest', () => {
    const { settings, warnings } = read({
      checks: { 'unknown-filter': 'loud', 'unnamed-crowd-field': 'hint' },
      sampleInputs: { '*.liquid.html': 5, 'a/*.html': 'a.json' },
      jsonFiles: { 'x.json': 'Workteem' },
    });
    assert.deepEqual(settings, { checks: { 'unnamed-crowd-field': 'hint' }, sampleInputs: { 'a/*.html': 'a.json' }, jsonFiles: {} });
    assert.deepEqual(warnings.slice(0, 2), [
      'gtTemplates.checks.unknown-filter must be one of error, warning, information, hint, off; "loud" is ignored.',
      'gtTemplates.sampleInputs["*.liquid.html"] must be a path; 5 is ignored.',
    ]);
    assert.match(warnings[2], /^gtTemplates\.jsonFiles\["x\.json"\] must be one of CreateWorkteam, .*, none; "Workteem" is ignored\.$/);
  });

  it('survives a section or a setting of the wrong type', () => {
    assert.deepEqual(read(null), { settings: { checks: {}, sampleInputs: {}, jsonFiles: {} }, warnings: [] });
    const { settings, warnings } = read({ checks: ['off'], sampleInputs: 'samples/input.json' });
    assert.deepEqual(settings, { checks: {}, sampleInputs: {}, jsonFiles: {} });
    assert.deepEqual(warnings, [
      'gtTemplates.checks must be an object; ["off"] is ignored.',
      'gtTemplates.sampleInputs must be an object; "samples/input.json" is ignored.',
    ]);
  });
});

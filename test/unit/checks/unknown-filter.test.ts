import * as assert from 'node:assert/strict';
import { applyFix, diagnostics, flagged } from '../../helpers/service';

describe('unknown-filter', () => {
  it('reports a misspelt filter with the nearest name', () => {
    const [seen] = diagnostics('<img src="{{ task.input.img | grant_read_acess }}">').filter((d) => d.code === 'unknown-filter');
    assert.equal(seen.text, 'grant_read_acess');
    assert.match(seen.message, /did you mean "grant_read_access"/);
  });

  it('reports filters in tags too', () => {
    assert.deepEqual(flagged('unknown-filter', '{% assign x = task.input.a | s3presign %}'), ['s3presign']);
  });

  it('fixes the name', () => {
    assert.equal(applyFix('unknown-filter', '{{ task.input.img | s3_presgn }}'), '{{ task.input.img | s3_presign }}');
  });

  it('offers no fix for a name far from every filter', () => {
    const [seen] = diagnostics('{{ task.input.a | frobnicate }}').filter((d) => d.code === 'unknown-filter');
    assert.match(seen.message, /worker templates support/);
  });

  it('does not report the dialect or standard filters', () => {
    const text =
      '{{ x | s3_presign }}{{ x | grant_read_access }}{{ x | to_json | escape }}{{ x | escape_once }}{{ x | skip_autoescape }}{{ x | upcase | truncate: 5, "…" | default: "n/a" }}';
    assert.deepEqual(flagged('unknown-filter', text), []);
  });
});

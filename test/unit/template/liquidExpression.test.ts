/**
 * The tokens of Liquid markup (`lexMarkup`): punctuation and two-character operators are read by
 * character code, so a character outside ASCII next to one must not pass for an operator.
 */
import * as assert from 'node:assert/strict';
import { lexMarkup } from '../../../server/src/service/template/liquidExpression';

const kinds = (markup: string) => lexMarkup(markup, 0, markup.length).map((t) => `${t.kind}:${t.value}`);

describe('Liquid markup tokens', () => {
  it('reads ranges, comparisons and punctuation', () => {
    assert.deepEqual(kinds('(1..n) == a != b <> c <= d >= e < f > g'), [
      'lparen:(',
      'number:1',
      'range:..',
      'identifier:n',
      'rparen:)',
      'comparison:==',
      'identifier:a',
      'comparison:!=',
      'identifier:b',
      'comparison:<>',
      'identifier:c',
      'comparison:<=',
      'identifier:d',
      'comparison:>=',
      'identifier:e',
      'comparison:<',
      'identifier:f',
      'comparison:>',
      'identifier:g',
    ]);
    assert.deepEqual(kinds('a.b[0] | f: x, y = z'), [
      'identifier:a',
      'dot:.',
      'identifier:b',
      'lbracket:[',
      'number:0',
      'rbracket:]',
      'pipe:|',
      'identifier:f',
      'colon::',
      'identifier:x',
      'comma:,',
      'identifier:y',
      'assign:=',
      'identifier:z',
    ]);
  });

  it('does not take a character outside ASCII for half of an operator', () => {
    // 45 * 128 + 174 is the code pair of "..": a key built on 128 would read "-®" as a range.
    assert.deepEqual(kinds('-\u00ae'), ['unknown:-', 'unknown:\u00ae']);
    assert.deepEqual(kinds('.\u00ae.'), ['dot:.', 'unknown:\u00ae', 'dot:.']);
    assert.deepEqual(kinds('=\u00e9'), ['assign:=', 'unknown:\u00e9']);
  });

  it('stops an operator at the end of the markup', () => {
    assert.deepEqual(
      lexMarkup('a =={{', 0, 3).map((t) => t.value),
      ['a', '='],
    );
  });
});

import type { JsonCheck } from '../types';

export const yamlSyntax: JsonCheck = {
  meta: {
    code: 'yaml-syntax',
    title: 'YAML syntax error',
    description:
      'Malformed YAML in a CloudFormation template, at the place the YAML parser stops: a tab in the indentation, a key without its value, an unclosed quote or flow collection. CloudFormation rejects the template ("Template format error"); the other checks still run on what parsed.',
    severity: 'error',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    if (document.syntax !== 'yaml') return;
    for (const error of document.errors) report({ start: error.start, end: error.end, message: `${error.message}.` });
  },
};

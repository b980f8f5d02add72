import { PRESIGN_FILTERS } from '../../domain/liquid';
import { isS3Reference } from '../../domain/s3';
import { resolveInputPath } from '../../sampleInput';
import { basename } from '../../util/uri';
import { allFilterCalls } from '../../template/queries';
import { inputReferences } from '../../template/scope';
import type { TemplateCheck } from '../types';
import { stepEvery } from '../../util/steps';

export const presignNonS3: TemplateCheck = {
  meta: {
    code: 'presign-non-s3',
    title: 'Presigning something that is not in S3',
    description:
      '`grant_read_access` or `s3_presign` applied to a value that is not an S3 reference (`s3://bucket/key` or an HTTPS S3 URL): a string literal in the template, or the value the sample input gives. Only S3 objects can be presigned.',
    severity: 'warning',
    scope: 'template',
    fixable: false,
  },
  *run({ document, sampleInput, report }) {
    const references = inputReferences(document);
    const step = stepEvery();
    for (const { call, node, chain } of allFilterCalls(document)) {
      if (step()) yield;
      // Only the first filter sees the value itself; later ones see what earlier filters made of it.
      if (!PRESIGN_FILTERS.has(call.name) || chain[0] !== call) continue;
      const expression = node.kind === 'output' ? node.chain.expression : node.syntax.source;
      if (expression?.kind === 'string') {
        if (!isS3Reference(expression.value)) {
          report({
            start: expression.start,
            end: expression.end,
            message: `"${expression.value}" is not an S3 reference, so ${call.name} cannot presign it: use s3://bucket/key or an https S3 URL.`,
          });
        }
        continue;
      }
      if (expression?.kind !== 'variable' || !sampleInput) continue;
      const ref = references.get(expression);
      if (!ref) continue;
      const bad = resolveInputPath(sampleInput, ref.path).find((n) => n.type === 'string' && !isS3Reference(n.value));
      if (bad) {
        report({
          start: expression.start,
          end: expression.end,
          message: `In ${basename(sampleInput.uri)} this is "${bad.value}", which is not an S3 reference, so ${call.name} cannot presign it: use s3://bucket/key or an https S3 URL.`,
          related: [{ uri: sampleInput.uri, start: bad.offset, end: bad.offset + bad.length, message: 'The sample value' }],
        });
      }
    }
  },
};

import * as assert from 'node:assert/strict';
import { LocalTemplateRenderer } from '../../../client/src/preview/localRenderer';
import { disposePresignClients, renderPresigner } from '../../../client/src/preview/presigners';
import { decodeAttributeValue } from '../../../server/src/service/util/htmlEntities';
import { useTestAwsProfiles } from '../../helpers/awsProfiles';
import { KEY } from '../../helpers/emulator';

const TEMPLATE = '<img src="{{ task.input.a | grant_read_access }}"><img src="{{ task.input.b | s3_presign }}">';
const INPUT = { a: 's3://my-bucket/images/cat.jpg', b: 'https://my-bucket.s3.eu-west-1.amazonaws.com/dogs/rex.png' };
const srcs = (html: string) => [...html.matchAll(/src="([^"]*)"/g)].map((m) => decodeAttributeValue(m[1]));

async function renderWith(settings: Parameters<typeof renderPresigner>[0]) {
  const renderer = new LocalTemplateRenderer(() => renderPresigner(settings));
  const outcome = await renderer.render({ template: TEMPLATE, input: INPUT, signal: new AbortController().signal });
  assert.ok(outcome.ok);
  return outcome;
}

describe('local preview presigning', () => {
  let restore: () => void;
  before(() => {
    restore = useTestAwsProfiles();
  });
  after(() => {
    disposePresignClients();
    restore();
  });

  it('shows mapped workspace files, and placeholders for the rest', async () => {
    const loaded: string[] = [];
    const outcome = await renderWith({
      mapping: { 's3://my-bucket/images/': 'samples/' },
      loadFile: async (path) => {
        loaded.push(path);
        return path === 'samples/cat.jpg' ? 'data:image/jpeg;base64,/9j/' : undefined;
      },
    });
    const [a, b] = srcs(outcome.html);
    assert.equal(a, 'data:image/jpeg;base64,/9j/');
    assert.match(b, /^data:image\/svg\+xml,/);
    assert.deepEqual(loaded, ['samples/cat.jpg']);
    assert.deepEqual(outcome.notes, []);
  });

  it("presigns with the profile's credentials when allowed, in the bucket's region", async () => {
    const outcome = await renderWith({ mapping: {}, loadFile: async () => undefined, aws: { profile: 'preview', region: 'us-east-1' } });
    const [a, b] = srcs(outcome.html).map((s) => new URL(s));
    assert.equal(a.host, 'my-bucket.s3.us-east-1.amazonaws.com');
    assert.equal(a.pathname, '/images/cat.jpg');
    assert.match(a.searchParams.get('X-Amz-Credential')!, new RegExp(`^${KEY.accessKeyId}/\\d{8}/us-east-1/s3/aws4_request$`));
    assert.match(a.searchParams.get('X-Amz-Signature')!, /^[0-9a-f]{64}$/);
    assert.equal(a.searchParams.get('X-Amz-Expires'), '900');
    assert.match(b.searchParams.get('X-Amz-Credential')!, /\/eu-west-1\/s3\/aws4_request$/);
    assert.ok(outcome.html.includes('&amp;X-Amz-'), 'the URL is autoescaped like any output');
  });

  it('falls back to placeholders with one note when presigning fails', async () => {
    const outcome = await renderWith({ mapping: {}, loadFile: async () => undefined, aws: { profile: 'nobody', region: 'us-east-1' } });
    assert.ok(srcs(outcome.html).every((s) => s.startsWith('data:image/svg+xml,')));
    assert.deepEqual(outcome.notes, [
      'Could not presign with AWS, so images show placeholders: No AWS credentials found for profile "nobody". Sign in (aws sso login --profile nobody, or aws configure), or set gtTemplates.preview.aws.profile to a profile that has credentials.',
    ]);
    assert.deepEqual(outcome.issues, []);
  });
});

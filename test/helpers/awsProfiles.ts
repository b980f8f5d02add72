/**
 * An AWS configuration of the tests' own: shared config and credentials files, an SSO cache
 * under a private HOME, and no credentials from the machine's environment. The SDK's real
 * credential chain reads them exactly as it would read ~/.aws.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KEY } from './emulator';

/** A profile whose session the emulator refuses as expired. */
export const EXPIRED_KEY = { accessKeyId: 'AKIAEXPIREDSESSION01', secretAccessKey: 'stale-secret' };

const AWS_ENV = [
  'HOME',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
];

/**
 * Profiles: `preview` (KEY), `stale` (EXPIRED_KEY), `sso-expired` (an IAM Identity Center login
 * that expired long ago). Returns a function that puts the environment back.
 */
export function useTestAwsProfiles(): () => void {
  const folder = mkdtempSync(path.join(tmpdir(), 'gt-aws-'));
  const saved = new Map(AWS_ENV.map((name) => [name, process.env[name]]));
  for (const name of AWS_ENV) delete process.env[name];
  writeFileSync(
    path.join(folder, 'credentials'),
    `[preview]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\n\n` +
      `[stale]\naws_access_key_id = ${EXPIRED_KEY.accessKeyId}\naws_secret_access_key = ${EXPIRED_KEY.secretAccessKey}\n`,
  );
  writeFileSync(
    path.join(folder, 'config'),
    '[profile preview]\nregion = us-east-1\n\n[profile sso-expired]\nsso_session = team\nsso_account_id = 123456789012\nsso_role_name = Labeler\nregion = us-east-1\n\n' +
      '[sso-session team]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
  );
  const cache = path.join(folder, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    path.join(cache, `${createHash('sha1').update('team').digest('hex')}.json`),
    JSON.stringify({ accessToken: 'old', expiresAt: '2001-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://example.awsapps.com/start' }),
  );
  process.env.HOME = folder;
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(folder, 'credentials');
  process.env.AWS_CONFIG_FILE = path.join(folder, 'config');
  // No instance metadata lookups (they would wait for a network timeout on a laptop).
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(folder, { recursive: true, force: true });
  };
}

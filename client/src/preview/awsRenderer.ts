/**
 * The AWS renderer: SageMaker's RenderUiTemplate through the SDK, with credentials from the
 * standard chain (the `profile` setting picks a profile; nothing is stored), an optional endpoint
 * (the local emulator), and a time limit on the whole call, credential resolution included.
 * `Errors[]` become issues; every exception becomes one message that says what to do.
 */
import { RenderUiTemplateCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { MAX_CONTENT } from '../../../server/src/api';
import { redact } from './redact';
import type { PreviewIssue, RenderOutcome, RenderRequest, TemplateRenderer } from './types';

export interface AwsSettings {
  profile?: string;
  region?: string;
  roleArn?: string;
  /** Another endpoint than the region's (the local emulator). */
  endpoint?: string;
  timeoutMs: number;
}

export class AwsTemplateRenderer implements TemplateRenderer {
  readonly id = 'aws';
  private client: { key: string; client: SageMakerClient } | undefined;

  constructor(private readonly settings: () => AwsSettings) {}

  async render({ template, input, signal }: RenderRequest): Promise<RenderOutcome> {
    const settings = this.settings();
    const roleArn = settings.roleArn?.trim();
    if (!roleArn) {
      return fail('Set gtTemplates.preview.aws.roleArn to a role SageMaker can use to render (it needs s3:GetObject on the objects the template presigns).');
    }
    if (settings.endpoint && !/^https?:\/\/[^/\s]+/.test(settings.endpoint)) {
      return fail(`gtTemplates.preview.aws.endpoint must be an http(s) URL such as http://127.0.0.1:8123, not "${redact(settings.endpoint)}".`);
    }
    const taskInput = JSON.stringify(input ?? {});
    if (template.length > MAX_CONTENT)
      return fail(
        `The template has ${template.length.toLocaleString('en-US')} characters; RenderUiTemplate accepts at most 128,000. Preview it with the local renderer, or shorten it.`,
      );
    if (taskInput.length > MAX_CONTENT)
      return fail(
        `The task input has ${taskInput.length.toLocaleString('en-US')} characters as JSON; RenderUiTemplate accepts at most 128,000. Choose a smaller sample input.`,
      );

    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const abortSignal = AbortSignal.any([signal, timeout]);
    try {
      const command = new RenderUiTemplateCommand({ UiTemplate: { Content: template }, Task: { Input: taskInput }, RoleArn: roleArn });
      const sent = this.clientFor(settings).send(command, { abortSignal });
      // Credential providers (SSO, instance metadata) do not see the abort signal: race them.
      const output = await Promise.race([sent, aborted(abortSignal)]);
      return { ok: true, html: output.RenderedContent ?? '', issues: (output.Errors ?? []).map(toIssue), notes: [] };
    } catch (error) {
      if (signal.aborted) return fail('Cancelled: a newer render started.');
      return fail(describeAwsError(error, settings, timeout.aborted));
    }
  }

  private clientFor(settings: AwsSettings): SageMakerClient {
    const key = JSON.stringify([settings.profile, settings.region, settings.endpoint]);
    if (this.client?.key !== key) {
      this.client?.client.destroy();
      this.client = {
        key,
        client: new SageMakerClient({
          ...(settings.profile ? { profile: settings.profile } : {}),
          ...(settings.region ? { region: settings.region } : {}),
          ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
          // One retry for a transient fault; live mode re-renders on the next edit anyway.
          maxAttempts: 2,
        }),
      };
    }
    return this.client.client;
  }

  dispose(): void {
    this.client?.client.destroy();
    this.client = undefined;
  }
}

function fail(message: string): RenderOutcome {
  return { ok: false, message };
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const stop = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

/** Service messages sometimes name a position; the emulator always does (`(line 3, column 5)`). */
function toIssue(error: { Code?: string; Message?: string }): PreviewIssue {
  const message = redact(error.Message ?? error.Code ?? 'Unknown template error');
  const at = /\bline:?\s*(\d+)(?:,?\s*col(?:umn)?:?\s*(\d+))?/i.exec(message);
  return { message, code: error.Code, line: at ? Number(at[1]) : undefined, column: at?.[2] ? Number(at[2]) : undefined };
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const UNRECOGNIZED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidAccessKeyId', 'AuthFailure']);
const SIGNATURE = new Set(['InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignatureException', 'MissingAuthenticationTokenException']);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/** One clear message per failure: what went wrong, then what to do. Never a stack trace, never a credential. */
export function describeAwsError(error: unknown, settings: AwsSettings, timedOut: boolean): string {
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? '';
  const detail = redact(String(e.message ?? error)).slice(0, 400);
  const profile = settings.profile ? ` for profile "${settings.profile}"` : '';
  const login = settings.profile ? `aws sso login --profile ${settings.profile}` : 'aws sso login';
  const where = settings.endpoint ? redact(settings.endpoint) : `SageMaker${settings.region ? ` in ${settings.region}` : ''}`;
  const code = e.code ?? /\b(E[A-Z]{3,}|CERT_[A-Z_]+)\b/.exec(detail)?.[1] ?? '';

  if (timedOut || name === 'TimeoutError') {
    return `No answer from ${where} within ${settings.timeoutMs / 1000} s. Check your network or proxy, or raise gtTemplates.preview.aws.timeoutSeconds.`;
  }
  // An expired SSO session surfaces as a credentials error too: say "sign in again", not "none found".
  if (EXPIRED.has(name) || /refresh this SSO session|sso login/i.test(detail) || (/\bexpired\b/i.test(detail) && /token|credential|session/i.test(detail))) {
    return `Your AWS credentials${profile} have expired. Sign in again (${login}) and refresh the preview.`;
  }
  if (name === 'CredentialsProviderError' || /could not load credentials|unable to (?:load|resolve) credentials|could not resolve credentials/i.test(detail)) {
    return `No AWS credentials found${profile}. Sign in (${login}, or aws configure), or set gtTemplates.preview.aws.profile to a profile that has credentials.`;
  }
  if (/region is missing/i.test(detail)) return 'No AWS region: set gtTemplates.preview.aws.region, or a region in your AWS profile.';
  if (UNRECOGNIZED.has(name))
    return `AWS does not recognise these credentials${profile} (${name}). Check the profile's access key, or sign in again (${login}).`;
  if (SIGNATURE.has(name))
    return `AWS refused the request signature (${name}: ${detail}). Check the credentials${profile}, the region setting and your system clock.`;
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return `Access denied: ${detail}. Your identity needs sagemaker:RenderUiTemplate, and iam:PassRole on ${redact(settings.roleArn ?? 'the preview role')}.`;
  }
  if (name === 'ValidationException') {
    const hint = /roleArn/i.test(detail) ? ' Check gtTemplates.preview.aws.roleArn.' : '';
    return `SageMaker refused the request: ${detail.replace(/\.$/, '')}.${hint}`;
  }
  if (THROTTLING.has(name))
    return `SageMaker is throttling requests (${name}: ${detail}). Wait a moment and refresh; live mode renders again when you next type.`;
  if (name === 'ResourceNotFound') return `SageMaker could not find it: ${detail}`;
  if (NETWORK.has(code)) return `Cannot reach ${where} (${code}). Check your network or proxy${settings.endpoint ? ', and that the endpoint is running' : ''}.`;
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return `SageMaker had a server error (${[status, name].filter(Boolean).join(' ')}). Try again in a moment.`;
  }
  return `RenderUiTemplate failed (${name || 'error'}: ${detail}).`;
}

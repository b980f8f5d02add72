/** The local SageMaker endpoint and a real SDK client pointed at it. */
import { RenderUiTemplateCommand, RenderUiTemplateCommandInput, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { Emulator, FAULT_HEADER, startEmulator } from '../../server/src/emulator/emulator';

export const ROLE = 'arn:aws:iam::123456789012:role/PreviewRole';
export const KEY = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulator/secret/key' };

/** An emulator that verifies signatures made with `KEY`. */
export function knownKeyEmulator(): Promise<Emulator> {
  return startEmulator({ credentials: { [KEY.accessKeyId]: { secretAccessKey: KEY.secretAccessKey } } });
}

export interface ClientOptions {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Ask the emulator for a fault on every request this client sends. */
  fault?: string;
}

export function sdkClient(emulator: Emulator, options: ClientOptions = {}): SageMakerClient {
  const client = new SageMakerClient({
    region: options.region ?? emulator.region ?? 'us-east-1',
    endpoint: emulator.url,
    credentials: options.credentials ?? KEY,
    maxAttempts: 1,
  });
  if (options.fault) {
    const fault = options.fault;
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers[FAULT_HEADER] = fault;
        return next(args);
      },
      { step: 'build', name: 'emulatorFault' },
    );
  }
  return client;
}

export function renderCommand(content: string, input: unknown = {}, overrides: Partial<RenderUiTemplateCommandInput> = {}): RenderUiTemplateCommand {
  return new RenderUiTemplateCommand({ UiTemplate: { Content: content }, Task: { Input: JSON.stringify(input) }, RoleArn: ROLE, ...overrides });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

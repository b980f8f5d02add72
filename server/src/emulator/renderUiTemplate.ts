/**
 * The RenderUiTemplate operation: the request validated as the service does (required members,
 * lengths, patterns), then rendered with the offline renderer. Template errors are not HTTP
 * errors: they come back with status 200 in `Errors`, as from the service.
 */
import { lineColumnAt, renderTemplate } from '../render/liquid';
import type { Presigner } from '../render/presign';
import { parseS3Reference } from '../service/domain/s3';
import { HUMAN_TASK_UI_ARN_PATTERN, MAX_CONTENT, MIN_TASK_INPUT, ROLE_ARN_PATTERN } from '../service/domain/renderUiTemplate';
import { AwsError, validationError } from './awsError';

export interface RenderUiTemplateRequest {
  UiTemplate?: { Content?: string };
  Task?: { Input?: string };
  RoleArn?: string;
  HumanTaskUiArn?: string;
}

export interface RenderUiTemplateResponse {
  RenderedContent: string;
  Errors: { Code: string; Message: string }[];
}

type Shape = { [member: string]: 'string' | Shape };
const SHAPE: Shape = { UiTemplate: { Content: 'string' }, Task: { Input: 'string' }, RoleArn: 'string', HumanTaskUiArn: 'string' };

/** Members of the wrong JSON type are a serialization error, as for the service; unknown members are ignored. */
function checkTypes(value: unknown, shape: Shape, path: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AwsError('SerializationException', 400, `Expected an object at '${path || 'request'}'.`);
  }
  for (const [member, type] of Object.entries(shape)) {
    const v = (value as Record<string, unknown>)[member];
    if (v === undefined || v === null) continue;
    if (type === 'string') {
      if (typeof v !== 'string') throw new AwsError('SerializationException', 400, `Expected a string at '${path}${member}'.`);
    } else checkTypes(v, type, `${path}${member}.`);
  }
}

const lowerFirst = (s: string) => s.replace(/(^|\.)([A-Z])/g, (_, dot: string, c: string) => dot + c.toLowerCase());

export function validateRequest(body: unknown): asserts body is RenderUiTemplateRequest {
  checkTypes(body, SHAPE, '');
  const request = body as RenderUiTemplateRequest;
  const problems: string[] = [];
  const at = (member: string) => `at '${lowerFirst(member)}'`;
  const notNull = (member: string) => problems.push(`Value null ${at(member)} failed to satisfy constraint: Member must not be null`);
  const length = (member: string, value: string, min: number, max: number) => {
    if (value.length < min) problems.push(`Value ${at(member)} failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    if (value.length > max) problems.push(`Value ${at(member)} failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  };
  const pattern = (member: string, value: string, source: string) => {
    if (!new RegExp(`^(?:${source})$`).test(value)) {
      problems.push(`Value '${value.slice(0, 200)}' ${at(member)} failed to satisfy constraint: Member must satisfy regular expression pattern: ${source}`);
    }
  };

  if (request.RoleArn === undefined || request.RoleArn === null) notNull('RoleArn');
  else {
    length('RoleArn', request.RoleArn, 20, 2048);
    pattern('RoleArn', request.RoleArn, ROLE_ARN_PATTERN);
  }
  if (!request.Task) notNull('Task');
  else if (request.Task.Input === undefined || request.Task.Input === null) notNull('Task.Input');
  else length('Task.Input', request.Task.Input, MIN_TASK_INPUT, MAX_CONTENT);
  if (request.UiTemplate) {
    if (request.UiTemplate.Content === undefined || request.UiTemplate.Content === null) notNull('UiTemplate.Content');
    else length('UiTemplate.Content', request.UiTemplate.Content, 1, MAX_CONTENT);
  }
  if (request.HumanTaskUiArn !== undefined && request.HumanTaskUiArn !== null) {
    length('HumanTaskUiArn', request.HumanTaskUiArn, 0, 1024);
    pattern('HumanTaskUiArn', request.HumanTaskUiArn, HUMAN_TASK_UI_ARN_PATTERN);
  }
  if (problems.length) throw validationError(problems);

  if (!request.UiTemplate && !request.HumanTaskUiArn) throw new AwsError('ValidationException', 400, 'Specify either UiTemplate or HumanTaskUiArn.');
  if (request.UiTemplate && request.HumanTaskUiArn) throw new AwsError('ValidationException', 400, 'Specify either UiTemplate or HumanTaskUiArn, not both.');
  try {
    JSON.parse(request.Task!.Input!);
  } catch {
    throw new AwsError('ValidationException', 400, 'Task.Input must be a valid JSON string.');
  }
}

/** Presigned-looking URLs on a host that never resolves: the shape (and the `&`s) of the real thing, without the reach. */
export const emulatorPresigner: Presigner = {
  presign(reference) {
    const object = parseS3Reference(reference);
    const path = object ? `${object.bucket}/${object.key.split('/').map(encodeURIComponent).join('/')}` : 'unknown';
    return `https://emulator-presigned.invalid/${path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=emulator`;
  },
};

export async function renderUiTemplate(request: RenderUiTemplateRequest): Promise<RenderUiTemplateResponse> {
  if (request.HumanTaskUiArn) {
    throw new AwsError('ResourceNotFound', 400, `Human task UI ${request.HumanTaskUiArn} does not exist in this emulator: send UiTemplate.Content instead.`);
  }
  const template = request.UiTemplate!.Content!;
  const result = await renderTemplate(template, JSON.parse(request.Task!.Input!), { presigner: emulatorPresigner });
  return {
    RenderedContent: result.html,
    Errors: result.errors.map((e) => {
      const { line, column } = lineColumnAt(template, e.start);
      return { Code: e.kind === 'parse' ? 'LiquidParseError' : 'LiquidRenderError', Message: `${e.message} (line ${line}, column ${column})` };
    }),
  };
}

/** An error as an AWS JSON 1.1 service sends it: `__type` and `message` in the body, `x-amzn-ErrorType` as a header. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  get body(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}

export const validationError = (problems: string[]) =>
  new AwsError('ValidationException', 400, `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`);

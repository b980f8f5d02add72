/**
 * Log and message hygiene: presigned URLs carry credentials in their query string
 * (`X-Amz-Credential`, `X-Amz-Security-Token`, `X-Amz-Signature`), so every URL that reaches a log
 * line or a message loses its query string.
 */
export function redact(text: string): string {
  return text
    .replace(/\b((?:https?|wss?):\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi, '$1?…')
    .replace(/(X-Amz-(?:Credential|Security-Token|Signature)=)[^&\s"'<>]+/gi, '$1…');
}

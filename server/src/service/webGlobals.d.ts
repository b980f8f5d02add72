/**
 * The two Web platform globals the pure service uses, declared here because its project loads
 * neither Node's types nor the DOM's (tsconfig.pure.json): both exist in Node, in browsers and in
 * workers, as the WHATWG URL and Encoding standards define them. Only what the service calls.
 */

interface URL {
  readonly hostname: string;
  readonly pathname: string;
}
declare const URL: { new (url: string): URL };

interface TextDecoder {
  decode(input: Uint8Array): string;
}
declare const TextDecoder: { new (label?: string): TextDecoder };

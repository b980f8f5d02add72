/** File bytes as the editor decodes them. Pure: the server, gtlint and the preview share it. */

/**
 * The text of a file: UTF-16 (little or big endian) when it starts with that byte order mark,
 * else UTF-8, without its byte order mark (VS Code drops it too, so offsets agree with the
 * editor's). Undefined for binary content: a NUL byte outside UTF-16.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node's TextDecoder knows utf-16be only with full ICU: swap the bytes and read little endian.
    const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
    for (let i = 0; i < swapped.length; i += 2) {
      swapped[i] = bytes[i + 3];
      swapped[i + 1] = bytes[i + 2];
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  if (bytes.includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(bytes);
}

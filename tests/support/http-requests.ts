/** One HTTP/1.1 request as it went over a socket. */
export interface WireRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

function dechunk(bytes: Buffer, from: number): { body: Buffer; end: number } {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) throw new Error('truncated chunked body');
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    at = lineEnd + 2;
    if (size === 0) return { body: Buffer.concat(parts), end: bytes.indexOf('\r\n', at) + 2 };
    parts.push(bytes.subarray(at, at + size));
    at += size + 2;
  }
}

/**
 * Splits the bytes a client wrote on one connection into its requests (keep-alive sends several),
 * with bodies by Content-Length or chunked encoding. Throws on anything else: a payload the parser
 * cannot read would otherwise escape inspection.
 */
export function requestsIn(bytes: Buffer): WireRequest[] {
  const requests: WireRequest[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', at);
    if (headEnd < 0) throw new Error(`unreadable request bytes at ${at}: ${bytes.subarray(at, at + 80).toString('latin1')}`);
    const [requestLine = '', ...lines] = bytes.subarray(at, headEnd).toString('latin1').split('\r\n');
    const [method = '', target = ''] = requestLine.split(' ');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = headEnd + 4;
    if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const { body, end } = dechunk(bytes, start);
      requests.push({ method, target, headers, body });
      at = end;
    } else {
      const length = Number(headers['content-length'] ?? 0);
      requests.push({ method, target, headers, body: bytes.subarray(start, start + length) });
      at = start + length;
    }
  }
  return requests;
}

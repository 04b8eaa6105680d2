/**
 * The few pieces of PostgreSQL's wire protocol (v3) the embedded database's socket needs:
 * cutting the client's byte stream into messages, and reading the end state and notifications
 * out of what the database answers. See https://www.postgresql.org/docs/17/protocol-message-formats.html.
 */

export const PROTOCOL_3 = 196_608;
export const SSL_REQUEST = 80_877_103;
export const GSSENC_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

/** A cap on one client message (PostgreSQL's own limit on a message is 1 GB). */
const MAX_MESSAGE_BYTES = 1 << 30;

export type FrontendMessage =
  /** Before the session starts: a startup packet (SSL/GSS/cancel requests included). */
  | { kind: 'startup'; code: number; bytes: Buffer }
  /** After it: a typed message (`Q`, `P`, `B`, `E`, `S`, `d`, `c`, `X`, ...). */
  | { kind: 'typed'; type: string; bytes: Buffer };

/** Splits a client's byte stream into messages; `started` switches from startup packets to typed messages. */
export class FrontendReader {
  #buffer: Buffer = Buffer.alloc(0);
  started = false;

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
  }

  /** The next complete message, or undefined until more bytes arrive. Throws on a malformed length. */
  next(): FrontendMessage | undefined {
    const buffer = this.#buffer;
    if (!this.started) {
      if (buffer.length < 8) return undefined;
      const length = buffer.readInt32BE(0);
      if (length < 8 || length > 10_000) throw new Error('malformed startup packet');
      if (buffer.length < length) return undefined;
      this.#buffer = buffer.subarray(length);
      return { kind: 'startup', code: buffer.readInt32BE(4), bytes: buffer.subarray(0, length) };
    }
    if (buffer.length < 5) return undefined;
    const length = buffer.readInt32BE(1);
    if (length < 4 || length > MAX_MESSAGE_BYTES) throw new Error('malformed message length');
    if (buffer.length < length + 1) return undefined;
    this.#buffer = buffer.subarray(length + 1);
    return {
      kind: 'typed',
      type: String.fromCharCode(buffer[0] ?? 0),
      bytes: buffer.subarray(0, length + 1),
    };
  }
}

/** The SQL text of a simple query (`Q`) or of a Parse (`P`, after the statement name). */
export function queryText(message: { type: string; bytes: Buffer }): string | undefined {
  if (message.type === 'Q') return message.bytes.toString('utf8', 5, message.bytes.length - 1);
  if (message.type === 'P') {
    const nameEnd = message.bytes.indexOf(0, 5);
    const textEnd = message.bytes.indexOf(0, nameEnd + 1);
    return nameEnd < 0 || textEnd < 0
      ? undefined
      : message.bytes.toString('utf8', nameEnd + 1, textEnd);
  }
  return undefined;
}

/**
 * Whether SQL text runs `COPY ... FROM STDIN`. PGlite must receive such a query together with all
 * its CopyData in one call: alone, the backend reads past the end of its input and aborts.
 */
export function copiesFromStdin(text: string): boolean {
  return /\bcopy\b[\s\S]*\bfrom\s+stdin\b/i.test(text);
}

export function typedMessage(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

export const syncMessage = (): Buffer => typedMessage('S');
export const simpleQuery = (sql: string): Buffer => typedMessage('Q', Buffer.from(`${sql}\0`));
/** AuthenticationCleartextPassword: the socket asks for the token in the lock file. */
export const askForPassword = (): Buffer => {
  const body = Buffer.alloc(4);
  body.writeInt32BE(3, 0);
  return typedMessage('R', body);
};

/**
 * CopyInResponse (text format; no column formats, which node-postgres' COPY stream does not read):
 * the go-ahead a client waits for before it sends its CopyData.
 */
export const copyInResponse = (): Buffer => typedMessage('G', Buffer.from([0, 0, 0]));

/** `output` without its messages of `type` (whole backend messages, as `execProtocolRaw` returns them). */
export function withoutMessages(output: Uint8Array, type: string): Buffer {
  const bytes = Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  const kept: Buffer[] = [];
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const end = offset + 1 + bytes.readInt32BE(offset + 1);
    if (String.fromCharCode(bytes[offset] ?? 0) !== type) kept.push(bytes.subarray(offset, end));
    offset = end;
  }
  return Buffer.concat(kept);
}

/** A FATAL ErrorResponse with an SQLSTATE and a message. */
export function fatalError(sqlState: string, message: string): Buffer {
  return typedMessage('E', Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${message}\0\0`));
}

/** The password in a PasswordMessage (`p`). */
export function passwordOf(message: { type: string; bytes: Buffer }): string | undefined {
  return message.type === 'p'
    ? message.bytes.toString('utf8', 5, message.bytes.length - 1)
    : undefined;
}

/**
 * Follows the backend's answer across chunks: remembers the status of a ReadyForQuery that ends
 * it (`I` idle, `T` in a transaction, `E` in a failed one) and hands out notifications.
 */
export class BackendScanner {
  #header = Buffer.alloc(5);
  #headerFilled = 0;
  #type = '';
  #remaining = 0;
  #body: Buffer[] | undefined;
  /** The status of the last message if it was ReadyForQuery, else undefined. */
  readyStatus: string | undefined;
  readonly #onNotification: (channel: string, payload: string) => void;

  constructor(onNotification: (channel: string, payload: string) => void) {
    this.#onNotification = onNotification;
  }

  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#remaining === 0 && this.#headerFilled < 5) {
        const take = Math.min(5 - this.#headerFilled, chunk.length - offset);
        this.#header.set(chunk.subarray(offset, offset + take), this.#headerFilled);
        this.#headerFilled += take;
        offset += take;
        if (this.#headerFilled < 5) return;
        this.#type = String.fromCharCode(this.#header[0] ?? 0);
        this.#remaining = this.#header.readInt32BE(1) - 4;
        this.readyStatus = undefined;
        // Only the bodies we read are kept: notifications and ReadyForQuery's status byte.
        this.#body = this.#type === 'A' || this.#type === 'Z' ? [] : undefined;
        if (this.#remaining === 0) this.#finish();
        continue;
      }
      const take = Math.min(this.#remaining, chunk.length - offset);
      this.#body?.push(Buffer.from(chunk.subarray(offset, offset + take)));
      this.#remaining -= take;
      offset += take;
      if (this.#remaining === 0) this.#finish();
    }
  }

  #finish(): void {
    const body = this.#body === undefined ? undefined : Buffer.concat(this.#body);
    this.#headerFilled = 0;
    this.#body = undefined;
    if (body === undefined) return;
    if (this.#type === 'Z') this.readyStatus = String.fromCharCode(body[0] ?? 0);
    if (this.#type === 'A') {
      const channelEnd = body.indexOf(0, 4);
      const payloadEnd = body.indexOf(0, channelEnd + 1);
      if (channelEnd > 0 && payloadEnd > channelEnd) {
        this.#onNotification(
          body.toString('utf8', 4, channelEnd),
          body.toString('utf8', channelEnd + 1, payloadEnd),
        );
      }
    }
  }
}

/** A writable stream standing in for stdout or stderr, keeping what was written. */
import { PassThrough } from 'node:stream';

export type CapturedStream = NodeJS.WriteStream & { text: () => string };

export function captureStream(): CapturedStream {
  const stream = new PassThrough() as unknown as CapturedStream;
  let text = '';
  stream.on('data', (chunk: Buffer) => void (text += chunk.toString()));
  stream.text = () => text;
  return stream;
}

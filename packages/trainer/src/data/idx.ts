/**
 * The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): two zero bytes, a type byte, the
 * number of dimensions, each dimension as a big-endian uint32, then the values, big-endian. Gzip-compressed input
 * (magic 1f 8b) is decompressed first with the platform's `DecompressionStream`, so this works in browsers too.
 */
export interface IdxArray {
  readonly shape: readonly number[];
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const types: Record<number, { size: number; read: (v: DataView, at: number) => number; make: (n: number) => IdxArray['data'] }> = {
  0x08: { size: 1, read: (v, at) => v.getUint8(at), make: (n) => new Uint8Array(n) },
  0x09: { size: 1, read: (v, at) => v.getInt8(at), make: (n) => new Int8Array(n) },
  0x0b: { size: 2, read: (v, at) => v.getInt16(at), make: (n) => new Int16Array(n) },
  0x0c: { size: 4, read: (v, at) => v.getInt32(at), make: (n) => new Int32Array(n) },
  0x0d: { size: 4, read: (v, at) => v.getFloat32(at), make: (n) => new Float32Array(n) },
  0x0e: { size: 8, read: (v, at) => v.getFloat64(at), make: (n) => new Float64Array(n) },
};

/** Decodes IDX bytes (plain or gzip). `source` names the input in errors. */
export async function parseIdx(bytes: Uint8Array, source = 'IDX input'): Promise<IdxArray> {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzip(bytes, source) : bytes;
  const fail = (why: string): never => {
    throw new Error(`${source}: ${why}`);
  };
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0) fail('not an IDX file (bad magic number)');
  const type = types[raw[2]!] ?? fail(`unknown IDX element type 0x${raw[2]!.toString(16)}`);
  const rank = raw[3]!;
  if (raw.length < 4 + 4 * rank) fail('truncated: the header is cut off');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * rank;
  const expected = start + count * type.size;
  if (raw.length < expected) fail(`truncated: ${raw.length} bytes, the header announces ${expected}`);
  if (raw.length > expected) fail(`${raw.length - expected} unexpected trailing bytes`);
  if (type.size === 1 && raw[2] === 0x08) return { shape, data: raw.slice(start, expected) };
  const data = type.make(count);
  for (let i = 0; i < count; i++) data[i] = type.read(view, start + i * type.size);
  return { shape, data };
}

async function gunzip(bytes: Uint8Array, source: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new Error(`${source}: corrupt gzip data (${(error as Error).message})`);
  }
}

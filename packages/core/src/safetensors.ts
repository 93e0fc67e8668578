/**
 * A codec for the safetensors format (https://huggingface.co/docs/safetensors), which PyTorch, Hugging Face and
 * numpy read: an 8-byte little-endian header length `N`, `N` bytes of JSON mapping each name to
 * `{ dtype, shape, data_offsets: [begin, end] }` (plus an optional `__metadata__` of string pairs), then the raw
 * little-endian tensor bytes, contiguous and without gaps.
 */

/** The dtypes nnopt reads and writes. F16 and BF16 are read (widened to F32), never written. */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

/** One decoded tensor: its dtype in the file, its shape, and its values (widened where the host lacks the type). */
export interface SafetensorsEntry {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: Float64Array | Float32Array | Int32Array | Uint8Array;
}

/** What {@link decodeSafetensors} returns. */
export interface SafetensorsFile {
  readonly tensors: { [name: string]: SafetensorsEntry };
  readonly metadata: { [key: string]: string };
}

/** A corrupt, truncated or unsupported safetensors input; the message names the source and the fault. */
export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}

const byteSizes: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
const writable = new Set<SafetensorsDtype>(['F64', 'F32', 'I32', 'U8', 'BOOL']);
const MAX_HEADER = 100_000_000;

/**
 * Encodes named tensors. Entries are laid out by descending element size, then name (as Python's `safetensors`
 * does, so every tensor is aligned to its element size), and the header is padded with spaces to 8 bytes.
 */
export function encodeSafetensors(
  tensors: { readonly [name: string]: SafetensorsEntry },
  metadata: { readonly [key: string]: string } = {},
): Uint8Array {
  const names = Object.keys(tensors).sort((a, b) => {
    const size = byteSizes[tensors[b]!.dtype] - byteSizes[tensors[a]!.dtype];
    return size !== 0 ? size : a < b ? -1 : a > b ? 1 : 0;
  });
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const chunks: Uint8Array[] = [];
  for (const name of names) {
    if (name === '__metadata__') throw new SafetensorsError(`'__metadata__' cannot be a tensor name`);
    const entry = tensors[name]!;
    if (!writable.has(entry.dtype)) throw new SafetensorsError(`'${name}': cannot write dtype ${entry.dtype}`);
    const count = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.data.length !== count) {
      throw new SafetensorsError(`'${name}': ${entry.data.length} values for shape [${entry.shape.join(', ')}]`);
    }
    const bytes = toBytes(entry);
    header[name] = { dtype: entry.dtype, shape: entry.shape, data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  const jsonBytes = new TextEncoder().encode(json);
  const padded = Math.ceil(jsonBytes.length / 8) * 8;
  json += ' '.repeat(padded - jsonBytes.length);
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(new TextEncoder().encode(json), 8);
  let at = 8 + padded;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Decodes a safetensors buffer, validating the header and the layout. `source` names the input in errors. */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors input'): SafetensorsFile {
  const fail = (why: string): never => {
    throw new SafetensorsError(`${source}: ${why}`);
  };
  if (bytes.length < 8) fail(`truncated: ${bytes.length} bytes, less than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > MAX_HEADER) fail(`header length ${headerLength} is implausible (corrupt file?)`);
  if (8 + headerLength > bytes.length) {
    fail(`truncated: the header needs ${headerLength} bytes but only ${bytes.length - 8} follow`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    fail(`the header is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header is not a JSON object');
  const data = bytes.subarray(8 + headerLength);
  const tensors: Record<string, SafetensorsEntry> = {};
  let metadata: Record<string, string> = {};
  const spans: [number, number, string][] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Object.values(raw).some((v) => typeof v !== 'string')) {
        fail('__metadata__ must map strings to strings');
      }
      metadata = raw as Record<string, string>;
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = info?.dtype as SafetensorsDtype;
    if (!(dtype in byteSizes)) fail(`'${name}' has unsupported dtype ${JSON.stringify(info?.dtype)}`);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`'${name}' has an invalid shape`);
    const offsets = info.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(`'${name}' has invalid data_offsets`);
    }
    const [begin, end] = offsets as [number, number];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== count * byteSizes[dtype]) {
      fail(`'${name}' spans ${end - begin} bytes but ${dtype}[${(shape as number[]).join(', ')}] needs ${count * byteSizes[dtype]}`);
    }
    if (end > data.length) fail(`truncated: '${name}' ends at byte ${end} of a ${data.length}-byte data section`);
    spans.push([begin, end, name]);
    tensors[name] = { dtype, shape: shape as number[], data: fromBytes(dtype, data.subarray(begin, end)) };
  }
  spans.sort((a, b) => a[0] - b[0]);
  let expected = 0;
  for (const [begin, end, name] of spans) {
    if (begin !== expected) fail(`'${name}' starts at byte ${begin}, expected ${expected} (gap or overlap)`);
    expected = end;
  }
  if (expected !== data.length) fail(`${data.length - expected} trailing bytes after the last tensor`);
  return { tensors, metadata };
}

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function toBytes(entry: SafetensorsEntry): Uint8Array {
  const size = byteSizes[entry.dtype];
  const out = new Uint8Array(entry.data.length * size);
  const view = new DataView(out.buffer);
  const d = entry.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (entry.dtype === 'F64') view.setFloat64(i * 8, v, true);
    else if (entry.dtype === 'F32') view.setFloat32(i * 4, v, true);
    else if (entry.dtype === 'I32') view.setInt32(i * 4, v, true);
    else if (entry.dtype === 'BOOL') out[i] = v ? 1 : 0;
    else out[i] = v;
  }
  return out;
}

function fromBytes(dtype: SafetensorsDtype, bytes: Uint8Array): SafetensorsEntry['data'] {
  const copy = bytes.slice(); // aligned, owned
  const view = new DataView(copy.buffer);
  const n = copy.length / byteSizes[dtype];
  switch (dtype) {
    case 'F64':
      return littleEndian ? new Float64Array(copy.buffer) : Float64Array.from({ length: n }, (_, i) => view.getFloat64(i * 8, true));
    case 'F32':
      return littleEndian ? new Float32Array(copy.buffer) : Float32Array.from({ length: n }, (_, i) => view.getFloat32(i * 4, true));
    case 'F16':
      return Float32Array.from({ length: n }, (_, i) => halfToFloat(view.getUint16(i * 2, true)));
    case 'BF16':
      return Float32Array.from({ length: n }, (_, i) => bf16ToFloat(view.getUint16(i * 2, true)));
    case 'I64':
      return Int32Array.from({ length: n }, (_, i) => {
        const v = view.getBigInt64(i * 8, true);
        if (v > 2147483647n || v < -2147483648n) throw new SafetensorsError(`I64 value ${v} does not fit in int32`);
        return Number(v);
      });
    case 'I32':
      return littleEndian ? new Int32Array(copy.buffer) : Int32Array.from({ length: n }, (_, i) => view.getInt32(i * 4, true));
    case 'I16':
      return Int32Array.from({ length: n }, (_, i) => view.getInt16(i * 2, true));
    case 'I8':
      return Int32Array.from({ length: n }, (_, i) => view.getInt8(i));
    case 'U8':
      return copy;
    case 'BOOL':
      return copy.map((b) => (b !== 0 ? 1 : 0));
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function bf16ToFloat(b: number): number {
  return new Float32Array(Uint32Array.of(b << 16).buffer)[0]!;
}

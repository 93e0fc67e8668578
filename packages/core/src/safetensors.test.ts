import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from './safetensors';

/** A file laid out by hand from the format's specification: u64 header length, JSON header, raw LE bytes. */
function handMade(header: string, data: number[]): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('decodeSafetensors', () => {
  it('reads a file written to the specification', () => {
    // F32 [1.5, -2] = 00 00 c0 3f | 00 00 00 c0; F16 1.0 = 00 3c; BF16 -1.0 = 80 bf; I64 -3; BOOL true.
    const file = handMade(
      '{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
        '"h":{"dtype":"F16","shape":[1],"data_offsets":[8,10]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[10,12]},' +
        '"i":{"dtype":"I64","shape":[1,1],"data_offsets":[12,20]},"m":{"dtype":"BOOL","shape":[],"data_offsets":[20,21]}}',
      [0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0, 0x00, 0x3c, 0x80, 0xbf, 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1],
    );
    const { tensors, metadata } = decodeSafetensors(file);
    expect(metadata).toEqual({ format: 'pt' });
    expect(Array.from(tensors.w!.data)).toEqual([1.5, -2]);
    expect(Array.from(tensors.h!.data)).toEqual([1]);
    expect(Array.from(tensors.b!.data)).toEqual([-1]);
    expect(Array.from(tensors.i!.data)).toEqual([-3]);
    expect(tensors.i!.shape).toEqual([1, 1]);
    expect(Array.from(tensors.m!.data)).toEqual([1]);
  });

  const valid = () => encodeSafetensors({ x: { dtype: 'F32', shape: [3], data: Float32Array.of(1, 2, 3) } });

  it.each([
    ['an empty buffer', () => new Uint8Array(0), /truncated/],
    ['a cut-off header', () => valid().subarray(0, 20), /truncated: the header needs/],
    ['cut-off data', () => valid().subarray(0, valid().length - 1), /truncated: 'x' ends at byte 12/],
    ['trailing bytes', () => Uint8Array.from([...valid(), 0]), /1 trailing bytes/],
    ['a huge header length', () => Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255]), /implausible/],
    ['a non-JSON header', () => handMade('{"x": nope}', []), /not valid JSON/],
    ['an unknown dtype', () => handMade('{"x":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}', [0]), /unsupported dtype/],
    ['a size mismatch', () => handMade('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]), /needs 8/],
    [
      'a gap',
      () => handMade('{"x":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}', [0, 0]),
      /starts at byte 1, expected 0/,
    ],
  ])('rejects %s with a clear error', (_, make, message) => {
    expect(() => decodeSafetensors(make(), 'ckpt.safetensors')).toThrow(SafetensorsError);
    expect(() => decodeSafetensors(make(), 'ckpt.safetensors')).toThrow(message);
    expect(() => decodeSafetensors(make(), 'ckpt.safetensors')).toThrow(/^ckpt\.safetensors: /);
  });
});

describe('encodeSafetensors', () => {
  it('round-trips every writable dtype bit-exactly, with an 8-byte aligned header', () => {
    const tensors = {
      f64: { dtype: 'F64' as const, shape: [2], data: Float64Array.of(Math.PI, -0) },
      f32: { dtype: 'F32' as const, shape: [2, 2], data: Float32Array.of(NaN, Infinity, -1e-40, 3.25) },
      i32: { dtype: 'I32' as const, shape: [3], data: Int32Array.of(-(2 ** 31), 0, 2 ** 31 - 1) },
      u8: { dtype: 'U8' as const, shape: [1], data: Uint8Array.of(255) },
      flag: { dtype: 'BOOL' as const, shape: [2], data: Uint8Array.of(0, 1) },
    };
    const bytes = encodeSafetensors(tensors, { step: '12' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const back = decodeSafetensors(bytes);
    expect(back.metadata).toEqual({ step: '12' });
    for (const [name, entry] of Object.entries(tensors)) {
      const got = back.tensors[name]!;
      expect(got.dtype).toBe(entry.dtype);
      expect(got.shape).toEqual(entry.shape);
      expect(new Uint8Array(got.data.buffer)).toEqual(new Uint8Array(entry.data.buffer));
    }
  });

  it('lays out larger elements first, as Python safetensors does', () => {
    const bytes = encodeSafetensors({
      a: { dtype: 'U8', shape: [1], data: Uint8Array.of(1) },
      b: { dtype: 'F64', shape: [1], data: Float64Array.of(1) },
    });
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + bytes[0]!)));
    expect(header.b.data_offsets).toEqual([0, 8]);
    expect(header.a.data_offsets).toEqual([8, 9]);
  });

  it('rejects values that do not fill the shape', () => {
    expect(() => encodeSafetensors({ x: { dtype: 'F32', shape: [3], data: Float32Array.of(1) } })).toThrow(/'x': 1 values/);
  });
});

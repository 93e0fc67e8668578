import { describe, expect, it } from 'vitest';
import { parseIdx } from './idx';

// A 2x3 ubyte IDX file by hand: magic 00 00 08 02, dims 2 and 3 (big-endian), then 6 bytes.
const ubyte = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255]);

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('parseIdx', () => {
  it('reads ubyte files, plain and gzip', async () => {
    for (const bytes of [ubyte, await gzip(ubyte)]) {
      const idx = await parseIdx(bytes);
      expect(idx.shape).toEqual([2, 3]);
      expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 255]);
    }
  });

  it('reads big-endian int32 and float32 files', async () => {
    const int = await parseIdx(Uint8Array.from([0, 0, 0x0c, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe]));
    expect(Array.from(int.data)).toEqual([-2]);
    const float = await parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]));
    expect(Array.from(float.data)).toEqual([1.5]);
  });

  it.each([
    ['a bad magic number', Uint8Array.from([1, 0, 8, 1]), /labels\.idx: not an IDX file/],
    ['an unknown type', Uint8Array.from([0, 0, 0x42, 1, 0, 0, 0, 0]), /unknown IDX element type 0x42/],
    ['a truncated body', ubyte.subarray(0, 15), /truncated: 15 bytes, the header announces 18/],
    ['trailing bytes', Uint8Array.from([...ubyte, 0]), /1 unexpected trailing bytes/],
    ['corrupt gzip', Uint8Array.from([0x1f, 0x8b, 1, 2, 3]), /corrupt gzip data/],
  ])('rejects %s naming the source', async (_, bytes, message) => {
    await expect(parseIdx(bytes, 'labels.idx')).rejects.toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { crc32c, maskedCrc32c } from './crc32c';
import { fileVersionEvent, histogram, histogramEvent, hparamsEvent, scalarsEvent, tfRecord } from './events';
import { readEvents } from './read-events';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('CRC-32C', () => {
  it('matches the standard check values', () => {
    // The CRC catalogue's check value for CRC-32C, and RFC 3720's 32 zero bytes vector.
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
  });

  it('masks as TFRecord does: rotate right 15, add 0xa282ead8', () => {
    const crc = 0xe3069283;
    expect(maskedCrc32c(ascii('123456789'))).toBe(((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) % 2 ** 32);
  });
});

describe('event records', () => {
  it('frame data with a length, two masked CRCs, little-endian', () => {
    const record = tfRecord(ascii('abc'));
    const view = new DataView(record.buffer);
    expect(Number(view.getBigUint64(0, true))).toBe(3);
    expect(view.getUint32(8, true)).toBe(maskedCrc32c(record.subarray(0, 8)));
    expect(new TextDecoder().decode(record.subarray(12, 15))).toBe('abc');
    expect(view.getUint32(15, true)).toBe(maskedCrc32c(ascii('abc')));
  });

  it('decode back to the file version, scalars, histograms and hparams', () => {
    const h = histogram([-1, 0, 0.5, 2]);
    const file = Uint8Array.from([
      ...fileVersionEvent(100.5),
      ...scalarsEvent(101, 7, { 'epoch/loss': 0.25, 'epoch/acc': 0.875 }),
      ...histogramEvent(102, 7, 'fc1.weight', h),
      ...hparamsEvent(103, { lr: 0.001, optimizer: 'adamw', nesterov: true }),
    ]);
    const events = readEvents(file);
    expect(events[0]).toMatchObject({ wallTime: 100.5, fileVersion: 'brain.Event:2' });
    expect(events[1]).toMatchObject({ wallTime: 101, step: 7, scalars: { 'epoch/loss': 0.25, 'epoch/acc': 0.875 } });
    expect(events[2]!.histograms['fc1.weight']).toEqual(h);
    expect(events[3]!.plugins).toEqual({ '_hparams_/session_start_info': 'hparams' });
  });

  it('rejects corrupt records naming the record', () => {
    const file = Uint8Array.from([...fileVersionEvent(1), ...scalarsEvent(2, 1, { a: 1 })]);
    const corrupt = file.slice();
    corrupt[corrupt.length - 6]! ^= 0xff;
    expect(() => readEvents(corrupt)).toThrow(/record 1: bad data CRC/);
    expect(() => readEvents(file.subarray(0, file.length - 2))).toThrow(/record 1: truncated data/);
  });
});

describe('histogram', () => {
  it('counts every value once in TensorFlow-style buckets with exact moments', () => {
    const values = [-3, -0.001, 0, 0, 1e-9, 0.5, 0.5, 42];
    const h = histogram(values);
    expect(h.num).toBe(8);
    expect(h.min).toBe(-3);
    expect(h.max).toBe(42);
    expect(h.sum).toBeCloseTo(values.reduce((a, b) => a + b, 0), 12);
    expect(h.sumSquares).toBeCloseTo(values.reduce((a, b) => a + b * b, 0), 9);
    expect(h.buckets.reduce((a, b) => a + b, 0)).toBe(8);
    values.forEach((v) => {
      const i = h.bucketLimits.findIndex((limit) => v <= limit);
      expect(i === 0 || v > h.bucketLimits[i - 1]!).toBe(true);
    });
    expect(h.bucketLimits.every((l, i) => i === 0 || l > h.bucketLimits[i - 1]!)).toBe(true);
  });
});

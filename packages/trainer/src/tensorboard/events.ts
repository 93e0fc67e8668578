import { maskedCrc32c } from './crc32c';
import { ProtoWriter } from './protobuf';

/**
 * TensorBoard event records. An event file is a sequence of TFRecords (`uint64 length`, `uint32 masked_crc(length)`,
 * `data`, `uint32 masked_crc(data)`, little-endian), each holding a serialized `tensorflow.Event`:
 * `wall_time = 1` (double), `step = 2` (int64), `file_version = 3` (string), `summary = 5` (Summary).
 */
export function tfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

function event(wallTime: number, step: number): ProtoWriter {
  return new ProtoWriter().double(1, wallTime).int(2, step);
}

/** The first record of every event file: `file_version: "brain.Event:2"`. */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return tfRecord(new ProtoWriter().double(1, wallTime).string(3, 'brain.Event:2').finish());
}

/** Scalars: `Summary.Value { tag = 1, simple_value = 2 }`, one value per tag. */
export function scalarsEvent(wallTime: number, step: number, scalars: { readonly [tag: string]: number }): Uint8Array {
  const summary = new ProtoWriter();
  for (const [tag, value] of Object.entries(scalars)) summary.message(1, new ProtoWriter().string(1, tag).float(2, value));
  return tfRecord(event(wallTime, step).message(5, summary).finish());
}

/** A histogram in TensorBoard's `HistogramProto` form: bucket `i` counts values in `(limits[i-1], limits[i]]`. */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly num: number;
  readonly sum: number;
  readonly sumSquares: number;
  readonly bucketLimits: readonly number[];
  readonly buckets: readonly number[];
}

/**
 * Buckets `values` as TensorFlow's default histogram does: limits grow geometrically by 1.1 from 1e-12 on both sides
 * of zero (plus +-DBL_MAX sentinels); only the buckets from the first to the last non-empty one are kept.
 */
export function histogram(values: ArrayLike<number>): Histogram {
  const positive: number[] = [];
  for (let v = 1e-12; v < 1e20; v *= 1.1) positive.push(v);
  const limits = [...positive.map((v) => -v).reverse(), 0, ...positive, Number.MAX_VALUE];
  const counts = new Array<number>(limits.length).fill(0);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    sumSquares += v * v;
    let lo = 0;
    let hi = limits.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= limits[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]! += 1;
  }
  const first = counts.findIndex((c) => c > 0);
  const last = counts.length - 1 - [...counts].reverse().findIndex((c) => c > 0);
  const keep = first < 0 ? [0, 0] : [first, last + 1];
  return {
    min: values.length ? min : 0,
    max: values.length ? max : 0,
    num: values.length,
    sum,
    sumSquares,
    bucketLimits: limits.slice(keep[0], keep[1]),
    buckets: counts.slice(keep[0], keep[1]),
  };
}

/** A histogram summary: `Summary.Value { tag = 1, histo = 5 }` with HistogramProto fields 1-7. */
export function histogramEvent(wallTime: number, step: number, tag: string, h: Histogram): Uint8Array {
  const histo = new ProtoWriter()
    .double(1, h.min)
    .double(2, h.max)
    .double(3, h.num)
    .double(4, h.sum)
    .double(5, h.sumSquares)
    .packedDoubles(6, h.bucketLimits)
    .packedDoubles(7, h.buckets);
  const summary = new ProtoWriter().message(1, new ProtoWriter().string(1, tag).message(5, histo));
  return tfRecord(event(wallTime, step).message(5, summary).finish());
}

/**
 * The hparams plugin's session-start summary: a `Summary.Value` tagged `_hparams_/session_start_info` whose
 * metadata (field 9) carries `PluginData { plugin_name: "hparams", content: HParamsPluginData }`, with
 * `HParamsPluginData { version = 1: 0, session_start_info = 3: { hparams = 1: map<string, google.protobuf.Value> } }`.
 */
export function hparamsEvent(wallTime: number, hparams: { readonly [name: string]: number | string | boolean }): Uint8Array {
  const start = new ProtoWriter();
  for (const [name, value] of Object.entries(hparams)) {
    const v = new ProtoWriter();
    if (typeof value === 'number') v.double(2, value);
    else if (typeof value === 'string') v.string(3, value);
    else v.int(4, value ? 1 : 0);
    start.message(1, new ProtoWriter().string(1, name).message(2, v));
  }
  start.double(5, wallTime);
  const content = new ProtoWriter().int(1, 0).message(3, start).finish();
  const metadata = new ProtoWriter().message(1, new ProtoWriter().string(1, 'hparams').bytesField(2, content));
  const summary = new ProtoWriter().message(1, new ProtoWriter().string(1, '_hparams_/session_start_info').message(9, metadata));
  return tfRecord(event(wallTime, 0).message(5, summary).finish());
}

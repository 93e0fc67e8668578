import { maskedCrc32c } from './crc32c';
import type { Histogram } from './events';
import { readProto, type ProtoField } from './protobuf';

/** A decoded TensorBoard event: what {@link readEvents} understands of `tensorflow.Event`. */
export interface DecodedEvent {
  readonly wallTime: number;
  readonly step: number;
  readonly fileVersion?: string;
  readonly scalars: { readonly [tag: string]: number };
  readonly histograms: { readonly [tag: string]: Histogram };
  /** Tags of summary values carrying plugin metadata (e.g. `_hparams_/session_start_info`), with the plugin name. */
  readonly plugins: { readonly [tag: string]: string };
}

const f64 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
const f32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytesOf = (f: ProtoField) => f.value as Uint8Array;
const doubles = (b: Uint8Array) => Array.from({ length: b.length / 8 }, (_, i) => f64(b.subarray(8 * i)));

/**
 * Decodes an event file: checks every record's framing and both masked CRC-32Cs, then parses the Event and
 * Summary protobufs. Throws naming the record and the fault on corrupt input.
 */
export function readEvents(bytes: Uint8Array): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (let record = 0; at < bytes.length; record++) {
    if (at + 12 > bytes.length) throw new Error(`record ${record}: truncated header`);
    const length = Number(view.getBigUint64(at, true));
    if (view.getUint32(at + 8, true) !== maskedCrc32c(bytes.subarray(at, at + 8))) throw new Error(`record ${record}: bad length CRC`);
    if (at + 16 + length > bytes.length) throw new Error(`record ${record}: truncated data`);
    const data = bytes.subarray(at + 12, at + 12 + length);
    if (view.getUint32(at + 12 + length, true) !== maskedCrc32c(data)) throw new Error(`record ${record}: bad data CRC`);
    events.push(decodeEvent(data));
    at += 16 + length;
  }
  return events;
}

function decodeEvent(data: Uint8Array): DecodedEvent {
  let wallTime = 0;
  let step = 0;
  let fileVersion: string | undefined;
  const scalars: Record<string, number> = {};
  const histograms: Record<string, Histogram> = {};
  const plugins: Record<string, string> = {};
  for (const f of readProto(data)) {
    if (f.field === 1) wallTime = f64(bytesOf(f));
    else if (f.field === 2) step = Number(f.value as bigint);
    else if (f.field === 3) fileVersion = text(bytesOf(f));
    else if (f.field === 5) {
      for (const v of readProto(bytesOf(f)).filter((x) => x.field === 1)) {
        const value = readProto(bytesOf(v));
        const tag = text(bytesOf(value.find((x) => x.field === 1)!));
        for (const x of value) {
          if (x.field === 2) scalars[tag] = f32(bytesOf(x));
          if (x.field === 5) histograms[tag] = decodeHistogram(bytesOf(x));
          if (x.field === 9) {
            const pluginData = readProto(bytesOf(x)).find((p) => p.field === 1);
            const name = pluginData && readProto(bytesOf(pluginData)).find((p) => p.field === 1);
            if (name) plugins[tag] = text(bytesOf(name));
          }
        }
      }
    }
  }
  return { wallTime, step, fileVersion, scalars, histograms, plugins };
}

function decodeHistogram(bytes: Uint8Array): Histogram {
  const h = { min: 0, max: 0, num: 0, sum: 0, sumSquares: 0, bucketLimits: [] as number[], buckets: [] as number[] };
  for (const f of readProto(bytes)) {
    const b = bytesOf(f);
    if (f.field === 1) h.min = f64(b);
    else if (f.field === 2) h.max = f64(b);
    else if (f.field === 3) h.num = f64(b);
    else if (f.field === 4) h.sum = f64(b);
    else if (f.field === 5) h.sumSquares = f64(b);
    else if (f.field === 6) h.bucketLimits = doubles(b);
    else if (f.field === 7) h.buckets = doubles(b);
  }
  return h;
}

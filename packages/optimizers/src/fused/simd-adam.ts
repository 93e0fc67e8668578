import type { AdamCoefficients } from './fused-adam';
import type { WasmModule } from './storage';

/**
 * The Adam step as a WebAssembly SIMD kernel (internal) that works directly on the tfjs wasm backend's heap: a
 * module of about 300 bytes, assembled below from its opcodes (no toolchain, no file to fetch), that imports the
 * backend's `WebAssembly.Memory` and processes 4 floats per instruction. The operations and their order are those
 * of `adamLoop` (float32 lanes round like the composed ops), so the three paths agree to the last bit.
 *
 * `adam(p, out, g, m, v, n, beta1, 1 - beta1, beta2, 1 - beta2, 1 - beta1^t, sqrt(1 - beta2^t), epsilon, l2,
 * decay, -lr)` with byte offsets for the arrays handles the first `n - n % 4` elements; the caller finishes the
 * tail in JavaScript.
 */
export type SimdAdam = (p: Float32Array, out: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, c: AdamCoefficients) => number;

const instances = new WeakMap<WebAssembly.Memory, SimdAdam | null>();

/** The SIMD kernel bound to the backend's memory, or `undefined` when WebAssembly SIMD or the memory is unavailable. */
export function simdAdam(wasm: WasmModule | undefined): SimdAdam | undefined {
  const memory = wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  if (!instances.has(memory)) instances.set(memory, instantiate(memory));
  return instances.get(memory) ?? undefined;
}

function instantiate(memory: WebAssembly.Memory): SimdAdam | null {
  let run: (...args: number[]) => void;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(adamModule()), { env: { memory } });
    run = instance.exports.adam as (...args: number[]) => void;
  } catch {
    return null; // no SIMD in this engine: the JavaScript loop runs instead
  }
  return (p, out, g, m, v, { lr, beta1, beta2, epsilon, l2, decay, bc1, bc2Sqrt }) => {
    if ([p, out, g, m, v].some((a) => a.buffer !== memory.buffer)) return 0;
    const n = p.length - (p.length % 4);
    run(p.byteOffset, out.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, n, beta1, 1 - beta1, beta2, 1 - beta2, bc1, bc2Sqrt, epsilon, l2, decay, -lr);
    return n;
  };
}

// Opcodes (WebAssembly core + SIMD proposal, as shipped).
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const simd = (op: number) => [0xfd, ...leb(op)];
const load = [...simd(0x00), 0, 0];
const store = [...simd(0x0b), 0, 0];
const splat = simd(0x13);
const sqrt = simd(0xe3);
const add = simd(0xe4);
const mul = simd(0xe6);
const div = simd(0xe7);
const i32Add = [0x6a];

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];

/** The module's bytes. Parameters 0-5: byte offsets of p, out, g, m, v and the count n; 6-15: the f32 constants. */
function adamModule(): Uint8Array<ArrayBuffer> {
  // Locals: 16 i, 17 end; 18-27 the splatted constants (same order as params 6-15); 28 P, 29 G, 30 M, 31 V.
  const [pA, outA, gA, mA, vA, n] = [0, 1, 2, 3, 4, 5];
  const [B1, A1, B2, A2, C1, C2, EPS, WDIN, WDOUT, NLR] = [18, 19, 20, 21, 22, 23, 24, 25, 26, 27];
  const [i, end, P, G, M, V] = [16, 17, 28, 29, 30, 31];
  const at = (base: number) => [...get(base), ...get(i), ...i32Add];
  const body = [
    0x02, 2, I32, 15, V128, // local groups: 2 x i32, 15 x v128 (the last one is spare)
    ...get(n), 0x41, 2, 0x74, ...set(end), // end = n * 4 (bytes)
    ...[6, 7, 8, 9, 10, 11, 12, 13, 14, 15].flatMap((param, k) => [...get(param), ...splat, ...set(B1 + k)]),
    0x02, 0x40, // block
    ...get(i), ...get(end), 0x4f, 0x0d, 0, // if i >= end: break
    0x03, 0x40, // loop
    ...at(pA), ...load, ...set(P),
    ...at(gA), ...load, ...get(P), ...get(WDIN), ...mul, ...add, ...set(G), // g + l2 p
    ...at(mA), ...at(mA), ...load, ...get(B1), ...mul, ...get(G), ...get(A1), ...mul, ...add, ...tee(M), ...store,
    ...at(vA), ...at(vA), ...load, ...get(B2), ...mul, ...get(G), ...get(G), ...mul, ...get(A2), ...mul, ...add, ...tee(V), ...store,
    ...at(outA), ...get(P),
    ...get(M), ...get(C1), ...div, ...get(V), ...sqrt, ...get(C2), ...div, ...get(EPS), ...add, ...div, // m̂ / (sqrt(v)/c2 + eps)
    ...get(P), ...get(WDOUT), ...mul, ...add, // + decay p
    ...get(NLR), ...mul, ...add, ...store, // out = p + (-lr) u
    ...get(i), 0x41, 16, ...i32Add, ...tee(i), ...get(end), 0x49, 0x0d, 0, // i += 16; continue while i < end
    0x0b, 0x0b, 0x0b, // end loop, block, function
  ];
  const type = [1, 0x60, 16, ...Array(6).fill(I32), ...Array(10).fill(F32), 0];
  const imports = [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x00];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, type),
    ...section(2, imports),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('adam'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** Elements per staged chunk: 4 arrays of 16 KiB floats (256 KiB) stay in the core's L2 cache. */
const chunk = 16384;
let staging: { memory: WebAssembly.Memory; kernel: SimdAdam } | null | undefined;

/**
 * The SIMD kernel for arrays outside any wasm heap (the cpu backend's `Float32Array`s): each chunk of `p, g, m, v`
 * is copied into a private 256 KiB WebAssembly memory, updated there and copied back (`m`, `v` in place, the
 * parameter into `out`). The copies hit the cache, so the pass still reads and writes each array once from main
 * memory. Returns how many leading elements it updated (a multiple of 4; 0 without SIMD).
 */
export function stagedAdam(p: Float32Array, out: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, c: AdamCoefficients): number {
  if (staging === undefined) {
    const memory = new WebAssembly.Memory({ initial: (4 * chunk * 4) / 65536 });
    const kernel = instantiate(memory);
    staging = kernel === null ? null : { memory, kernel };
  }
  if (staging === null) return 0;
  const heap = new Float32Array(staging.memory.buffer);
  const [sp, sg, sm, sv] = [0, 1, 2, 3].map((k) => heap.subarray(k * chunk, (k + 1) * chunk)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const n = p.length - (p.length % 4);
  for (let start = 0; start < n; start += chunk) {
    const len = Math.min(chunk, n - start);
    const end = start + len;
    const [cp, cg, cm, cv] = [sp, sg, sm, sv].map((s) => (len === chunk ? s : s.subarray(0, len))) as [Float32Array, Float32Array, Float32Array, Float32Array];
    cp.set(p.subarray(start, end));
    cg.set(g.subarray(start, end));
    cm.set(m.subarray(start, end));
    cv.set(v.subarray(start, end));
    staging.kernel(cp, cp, cg, cm, cv, c);
    out.set(cp, start);
    m.set(cm, start);
    v.set(cv, start);
  }
  return n;
}

/// <reference types="@webgpu/types" />
declare module '*.wasm?url' {
  /** The URL vite serves (and a build copies) the binary at. */
  const url: string;
  export default url;
}

/** Where text logs go: a file (see `fileSink` in `@nnopt/trainer/node`), the console, or any function. */
export interface TextSink {
  write(text: string): void | Promise<void>;
}

/** Where binary logs go (TensorBoard event files). */
export interface BinarySink {
  append(bytes: Uint8Array): void | Promise<void>;
}

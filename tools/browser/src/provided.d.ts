declare module 'vitest' {
  export interface ProvidedContext {
    /** The backends `forEachBackend` runs each suite on, in the page. */
    nnoptBackends: string[];
  }
}
export {};

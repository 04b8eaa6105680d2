/**
 * The part of the WebAssembly JavaScript API the kernels use. Node has the global, but its type
 * declarations live in TypeScript's DOM library, which this project does not load.
 */
export {};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the global is a namespace; this declares it as lib.dom.d.ts does
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    class Memory {
      readonly buffer: ArrayBuffer;
      grow(pages: number): number;
    }
    function validate(bytes: Uint8Array): boolean;
  }
}

// The only host globals pure core code may use: present alike in Node and in browsers, and declared here
// instead of pulling in the DOM or Node type libraries (tsconfig.core.json checks core with neither).
// Anything else a core module needs from its host is passed in.

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const TextEncoder: { new (): TextEncoder };

interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare const TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };

/** A monotonic clock for time budgets (jsdiff timeouts, incremental check budgets). */
declare const performance: { now(): number };

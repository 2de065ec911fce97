import type { BenchSuite } from '../harness';

/** Every benchmark suite; each capability adds its own file here. */
export const suites: BenchSuite[] = [];

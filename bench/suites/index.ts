import type { BenchSuite } from '../harness';
import { editorSuite } from './editor';
import { compareSuite } from './compare';

/** Every benchmark suite; each capability adds its own file here. */
export const suites: BenchSuite[] = [editorSuite, compareSuite];

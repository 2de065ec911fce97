import type { BenchSuite } from '../harness';
import { editorSuite } from './editor';
import { compareSuite } from './compare';
import { reuseSuite } from './reuse';
import { docxSuite } from './docx';

/** Every benchmark suite; each capability adds its own file here. */
export const suites: BenchSuite[] = [editorSuite, compareSuite, reuseSuite, docxSuite];

import type { BenchSuite } from '../harness';
import { editorSuite } from './editor';
import { compareSuite } from './compare';
import { reuseSuite } from './reuse';
import { docxSuite } from './docx';
import { outlineSuite } from './outline';
import { workspaceSuite } from './workspace';
import { cliSuite } from './cli';
import { serverSuite } from './server';
import { librarySuite } from './library';
import { pasteSuite } from './paste';
import { proofreadSuite } from './proofread';
import { limitsSuite } from './limits';

/** Every benchmark suite; each capability adds its own file here. */
export const suites: BenchSuite[] = [editorSuite, compareSuite, reuseSuite, docxSuite, outlineSuite, workspaceSuite, pasteSuite, proofreadSuite, librarySuite, limitsSuite, cliSuite, serverSuite];

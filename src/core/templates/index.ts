export * from './schema';
export { instantiateTemplate, sectionAt, exampleBlocks, OPENING_ID, CLOSING_ID } from './instantiate';
export { outlineToTemplate } from './fromOutline';

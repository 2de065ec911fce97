export * from './types';
export { diffText, diffSequence, replaceParts } from './text';
export { cleanup, normalize, shiftEdits } from './cleanup';

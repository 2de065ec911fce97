export * from './types';
export * from './block';
export * from './count';
export * from './numbering';
export * from './text';

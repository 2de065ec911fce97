export * from './types';
export * from './block';
export * from './numbering';
export * from './text';

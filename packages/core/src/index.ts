export * from './seed';
export * from './config';
export * from './specs';
export * from './capabilities';
export * from './policy';
export * from './tagging';
export * from './stack';
export * from './testing';

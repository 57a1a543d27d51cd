export * from './rule';
export * from './synthesized';
export * from './engine';
export * from './exemptions';

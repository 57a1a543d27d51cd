export * from './addresses';
export * from './tier-resources';
export * from './tier-stacks';

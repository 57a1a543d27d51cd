export * from './addresses';
export * from './tier-resources';

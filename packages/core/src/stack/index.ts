export * from './backend';
export * from './mockforge-stack';

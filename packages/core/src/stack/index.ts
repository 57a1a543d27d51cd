export * from './backend';
export * from './mockforge-stack';
export * from './stateful-protection';
export { UndeclaredCrossStackReferenceError } from './render';

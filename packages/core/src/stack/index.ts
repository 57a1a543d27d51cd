export * from './backend';
export * from './mockforge-stack';
export * from './stateful-protection';
export * from './terraform-version';
export { UndeclaredCrossStackReferenceError } from './render';

export * from './targets';
export * from './compose';
export * from './synthesize';
export * from './summary';
export * from './args';
export * from './cli';
export * from './table';
export * from './stateful-addresses';

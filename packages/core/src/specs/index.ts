export * from './tier-profile';
export * from './service';
export * from './topology';
export * from './data';
export * from './operations';
export * from './target-context';

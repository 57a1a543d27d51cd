export * from './tagging-aspect';

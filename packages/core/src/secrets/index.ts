export * from './generated-credentials';

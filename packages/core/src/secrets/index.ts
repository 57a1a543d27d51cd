export * from './generated-credentials';
export * from './terraform-data';

import { ANY_RESOURCE } from './engine';
import type { PolicyRule } from './rule';

/** `${type.name.` or `${data.type.name.` inside an interpolation, after `${` or an operator. */
const REFERENCE = /(?:\$\{|[\s(,!=?:[])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\./g;

/** Every reference in the stack resolves inside it; catches a cross-stack reference cdktf did not wire. */
export const referencesResolveInStack: PolicyRule = {
  id: 'MF_CORE_1',
  severity: 'error',
  description: 'references point at resources in the same stack',
  resourceTypes: [ANY_RESOURCE],
  check: (resource, stack) => {
    const interpolations = JSON.stringify(resource.attributes).match(/\$\{[^}]*\}/g) ?? [];
    for (const text of interpolations) {
      for (const [, data, type, name] of text.matchAll(REFERENCE)) {
        const address = `${type}.${name}`;
        if (data ? !stack.dataSources.has(address) : !stack.has(address)) {
          return `${data ?? ''}${address} is not in this stack; a stack marked selfContained must not refer to other stacks`;
        }
      }
    }
    return undefined;
  },
};

/** Rules every stack gets, whatever its cloud. */
export const coreRules: readonly PolicyRule[] = [referencesResolveInStack];

import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Token,
  Tokenization,
  type IPostProcessor,
  type IResolvable,
  type IResolveContext,
} from 'cdktf';
// The merge cdktf itself uses: arrays concatenate and `undefined` deletes a key.
import { deepMerge } from 'cdktf/lib/util';

/**
 * Renders a stack's Terraform JSON the way cdktf's `TerraformStack.toTerraform` does, with three
 * differences:
 * - each element is resolved once; cdktf resolves the merged result a second time, which only
 *   matters for stack-level overrides, so that pass runs only when the stack has some;
 * - cdktf's resolver runs only on values that hold a token; plain values are copied as they are;
 * - a reference to another stack's resource fails unless the stack declared it (see
 *   `MockforgeStack.fromOtherStack`), because only declared values are wired to remote state.
 * A test compares the result with cdktf's own for every stack of several configurations.
 */
export function renderStack(stack: TerraformStack): Record<string, unknown> {
  const resolver = new DeclaredReferencesResolver(stack);
  const resolveTokens = (value: unknown): unknown => Tokenization.resolve(value, { scope: stack, preparing: false, resolver });
  const resolve = <T>(value: T): T => resolveWhereTokens(value, resolveTokens) as T;
  const overrides = stackOverrides(stack);
  const elements = terraformElements(stack);

  const metadata: Record<string, unknown> = {
    version: stack.node.tryGetContext('cdktfVersion'),
    stackName: stack.node.id,
    backend: 'local', // backends overwrite it from their own metadata
    cloud: undefined,
    ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
  };
  for (const element of elements) deepMerge(metadata, resolve(element.toMetadata()));

  const tf: Record<string, unknown> = { '//': resolve({ metadata, outputs: outputIds(elements) }) };
  for (const element of elements) deepMerge(tf, resolve(element.toTerraform()));
  if (Object.keys(overrides).length === 0) return tf;
  deepMerge(tf, overrides);
  return resolve(tf);
}

/** Thrown when a stack refers to another stack's resource it did not declare. */
export class UndeclaredCrossStackReferenceError extends Error {
  constructor(stack: TerraformStack, origin: TerraformStack, identifier: string) {
    super(
      `${stack.node.id} refers to ${identifier} of ${origin.node.id} without declaring it; ` +
        `pass the value through fromOtherStack() so it is read from ${origin.node.id}'s remote state`,
    );
    this.name = 'UndeclaredCrossStackReferenceError';
  }
}

/** The fields of cdktf's reference token that say which stack it belongs to. */
interface ReferenceToken {
  readonly originStack?: unknown;
  readonly identifier?: string;
  /** The remote-state expression per consuming stack, set while preparing. */
  readonly crossStackIdentifier?: Readonly<Record<string, string>>;
}

/** Resolves as cdktf does, but refuses another stack's reference that was not prepared. */
class DeclaredReferencesResolver extends DefaultTokenResolver {
  constructor(private readonly stack: TerraformStack) {
    super(new StringConcat());
  }

  override resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    const { originStack, identifier, crossStackIdentifier } = token as ReferenceToken;
    if (originStack instanceof TerraformStack && originStack !== this.stack && !crossStackIdentifier?.[this.stack.toString()]) {
      throw new UndeclaredCrossStackReferenceError(this.stack, originStack, identifier ?? token.toString());
    }
    return super.resolveToken(token, context, postProcessor);
  }
}

// cdktf's token encodings: strings embed `${TfToken[..]}`, lists `#{TfToken[..]}`, map keys
// `&{TfToken[..]}`, and numbers are special doubles that also appear inside strings in exponent form.
const STRING_OR_NUMBER_TOKEN = /\$\{TfToken\[|\de[-+]?\d/;
const LIST_TOKEN = '#{TfToken[';
const MAP_TOKEN = '&{TfToken[';

/**
 * What cdktf's resolve returns for `value` (plain values copied, `undefined` dropped from lists and
 * objects), calling it only for the parts that can hold a token: resolving every plain string
 * through cdktf costs more than the rest of rendering.
 */
function resolveWhereTokens(value: unknown, resolveTokens: (value: unknown) => unknown): unknown {
  switch (typeof value) {
    case 'string':
      return STRING_OR_NUMBER_TOKEN.test(value) ? resolveTokens(value) : value;
    case 'number':
      return Token.isUnresolved(value) ? resolveTokens(value) : value;
    case 'object':
      break;
    case 'function':
      return resolveTokens(value); // cdktf reports it
    default:
      return value;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const holdsListToken = value.some(
      (item) => (typeof item === 'string' && item.includes(LIST_TOKEN)) || (typeof item === 'number' && Token.isUnresolved(item)),
    );
    if (holdsListToken) return resolveTokens(value);
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolveWhereTokens(item, resolveTokens);
      if (resolved !== undefined) items.push(resolved);
    }
    return items;
  }
  const keys = Object.keys(value);
  const plain = Object.getPrototypeOf(value) === Object.prototype && !Tokenization.isResolvable(value);
  if (!plain || keys.some((key) => key.includes(MAP_TOKEN) || STRING_OR_NUMBER_TOKEN.test(key))) return resolveTokens(value);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolveWhereTokens((value as Record<string, unknown>)[key], resolveTokens);
    if (resolved !== undefined) result[key] = resolved;
  }
  return result;
}

/** The stack's own elements, depth first, without descending into nested stacks. */
function terraformElements(scope: TerraformStack): TerraformElement[] {
  const found: TerraformElement[] = [];
  const visit = (node: TerraformStack['node']['children'][number]): void => {
    if (TerraformElement.isTerraformElement(node)) found.push(node);
    for (const child of node.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(scope);
  return found;
}

/** `{ <construct path segments...>: <output id> }`, the output index cdktf writes under `//`. */
function outputIds(elements: readonly TerraformElement[]): Record<string, unknown> {
  const index: Record<string, unknown> = {};
  for (const element of elements) {
    if (!TerraformOutput.isTerraformOutput(element)) continue;
    const nested = element.node.path
      .split('/')
      .reduceRight<Record<string, unknown>>(
        (inner, segment) => ({ [segment]: Object.keys(inner).length === 0 ? element.friendlyUniqueId : inner }),
        {},
      );
    deepMerge(index, nested);
  }
  return index;
}

/** `TerraformStack.addOverride` values; cdktf keeps them private. */
function stackOverrides(stack: TerraformStack): Record<string, unknown> {
  return (stack as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides;
}

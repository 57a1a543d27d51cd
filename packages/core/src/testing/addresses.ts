/**
 * Pins the Terraform addresses of stateful resources. A refactor that renames a construct
 * changes its address, and Terraform would destroy and recreate the database behind it;
 * app tests compare these lists against literal, reviewed ones.
 */
export function addressesOf(synthesizedJson: string | object, types: readonly string[]): string[] {
  const json = (typeof synthesizedJson === 'string' ? JSON.parse(synthesizedJson) : synthesizedJson) as {
    resource?: Record<string, Record<string, unknown>>;
  };
  const found: string[] = [];
  for (const type of types) {
    for (const name of Object.keys(json.resource?.[type] ?? {})) found.push(`${type}.${name}`);
  }
  return found.sort();
}

import { TerraformResource, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Sets Terraform `prevent_destroy` on every resource whose type is listed (a target's
 * `statefulResourceTypes`), merged with the lifecycle settings the resource already has.
 */
export class StatefulProtectionAspect implements IAspect {
  private readonly types: ReadonlySet<string>;

  constructor(resourceTypes: readonly string[]) {
    this.types = new Set(resourceTypes);
  }

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !this.types.has(node.terraformResourceType)) return;
    node.lifecycle = { ...node.lifecycle, preventDestroy: true };
  }
}

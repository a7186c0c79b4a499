import { loadSchema } from '@isccc/rules';

/** Just enough JSON Schema walking for hover and completion: $ref, properties, items, *Of branches. */
export interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  pattern?: string;
}

type Root = SchemaNode & { $defs?: Record<string, SchemaNode> };
const roots = new Map<'manifest' | 'rules', Root>();

export function schemaRoot(name: 'manifest' | 'rules'): Root {
  let root = roots.get(name);
  if (!root) {
    root = loadSchema(name);
    roots.set(name, root);
  }
  return root;
}

/** Follows a local `$ref`, keeping the referring node's own description (it is the more specific one). */
export function resolve(root: Root, node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  let description = node?.description;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const name = /^#\/\$defs\/(.+)$/.exec(current.$ref)?.[1];
    current = name ? root.$defs?.[name] : undefined;
    description ??= current?.description;
  }
  return current ? { ...current, ...(description ? { description } : {}) } : undefined;
}

function branches(root: Root, node: SchemaNode): SchemaNode[] {
  return [node, ...[...(node.allOf ?? []), ...(node.oneOf ?? []), ...(node.anyOf ?? [])].map((b) => resolve(root, b)!).filter(Boolean)];
}

export function schemaAt(root: Root, path: (string | number)[]): SchemaNode | undefined {
  let node = resolve(root, root);
  for (const segment of path) {
    if (!node) return undefined;
    let next: SchemaNode | undefined;
    for (const branch of branches(root, node)) {
      next = typeof segment === 'number' ? branch.items : branch.properties?.[segment];
      if (next) break;
    }
    node = resolve(root, next);
  }
  return node;
}

export function propertiesOf(root: Root, node: SchemaNode | undefined): Record<string, SchemaNode> {
  if (!node) return {};
  return Object.assign({}, ...branches(root, node).map((b) => b.properties ?? {})) as Record<string, SchemaNode>;
}

/** Values an editor can offer: `const` and `enum` members across branches. */
export function valuesOf(root: Root, node: SchemaNode | undefined): unknown[] {
  if (!node) return [];
  return branches(root, node).flatMap((b) => [...(b.const !== undefined ? [b.const] : []), ...(b.enum ?? [])]);
}

/** A value that validates as a placeholder for a newly added field. */
export function placeholderOf(root: Root, node: SchemaNode | undefined): string {
  const values = valuesOf(root, node);
  if (values.length > 0) return typeof values[0] === 'string' ? String(values[0]) : JSON.stringify(values[0]);
  const type = Array.isArray(node?.type) ? node?.type[0] : node?.type;
  switch (type) {
    case 'integer':
    case 'number':
      return '0';
    case 'boolean':
      return 'false';
    case 'array':
      return '[]';
    case 'object':
      return '{}';
    default:
      return '""';
  }
}

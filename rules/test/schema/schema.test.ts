import assert from 'node:assert/strict';
import { loadSchema, type SchemaName } from '../../src/schema/validator.js';

type Node = { $ref?: string; description?: string; properties?: Record<string, Node>; items?: Node };

/** Every field an author can write has a description: that is what editors show on hover. */
function undocumented(name: SchemaName): string[] {
  const schema = loadSchema(name) as Node & { $defs: Record<string, Node> };
  const resolve = (node: Node): Node => (node.$ref ? schema.$defs[node.$ref.split('/').pop()!]! : node);
  const missing: string[] = [];
  const walk = (node: Node, path: string, seen: Set<Node>): void => {
    if (seen.has(node)) return;
    const next = new Set(seen).add(node);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (!child.description && !resolve(child).description) missing.push(`${path}.${key}`);
      walk(resolve(child), `${path}.${key}`, next);
    }
    if (node.items) walk(resolve(node.items), `${path}[]`, next);
  };
  walk(schema, '', new Set());
  return missing;
}

/** Hostile manifests stay bounded: every list, free string and number has a maximum. */
function unbounded(name: SchemaName): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'array' && n.maxItems === undefined) out.push(`${at} (array)`);
    if ((n.type === 'number' || n.type === 'integer') && n.maximum === undefined) out.push(`${at} (number)`);
    if (n.type === 'string' && n.maxLength === undefined && !n.pattern && !n.enum) out.push(`${at} (string)`);
    for (const [key, value] of Object.entries(n)) walk(value, `${at}/${key}`);
  };
  walk(loadSchema(name), '');
  return out;
}

describe('JSON Schemas', () => {
  it('manifest.schema.json bounds every list, free string and number', () => assert.deepEqual(unbounded('manifest'), []));

  for (const name of ['manifest', 'rules'] as SchemaName[]) {
    it(`${name}.schema.json describes every field`, () => assert.deepEqual(undocumented(name), []));
  }
});

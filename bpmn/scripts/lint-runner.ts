import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../src/models.js';

/** bpmnlint, bpmn-moddle and zeebe-bpmn-moddle are CommonJS/untyped: load them through require. */
const require = createRequire(path.join(packageRoot, 'package.json'));
const { Linter } = require('bpmnlint') as { Linter: new (o: { config: unknown; resolver: unknown }) => { lint(root: unknown): Promise<LintReports> } };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (o?: { require?: NodeRequire }) => unknown;
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (ext: Record<string, unknown>) => Moddle };
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
const camundaSchema = require('camunda-bpmn-moddle/resources/camunda.json') as Record<string, unknown>;
const plugin = require('bpmnlint-plugin-isccc') as { RULES: Record<string, 'error' | 'warn'> };

/** The category each isccc rule has in `plugin:isccc/recommended` (`suspension-three-months` warns). */
export const ISCCC_RULES: Readonly<Record<string, 'error' | 'warn'>> = plugin.RULES;

export interface LintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}
export type LintReports = Record<string, LintReport[]>;

/** Loose view of a moddle element: what the tests read. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $instanceOf(type: string): boolean;
  [key: string]: unknown;
}

export interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
}

export const BPMNLINTRC = path.join(packageRoot, '.bpmnlintrc');

export function createModdle(dialect: 'zeebe' | 'camunda' = 'zeebe'): Moddle {
  return new BpmnModdle(dialect === 'zeebe' ? { zeebe: zeebeSchema } : { camunda: camundaSchema });
}

/** The dialect a diagram is written in: Camunda 7 when it declares the camunda namespace and not the zeebe one. */
export function dialectOf(xml: string): 'zeebe' | 'camunda' {
  return xml.includes('http://camunda.org/schema/1.0/bpmn') && !xml.includes('http://camunda.org/schema/zeebe/1.0') ? 'camunda' : 'zeebe';
}

/** Parses a diagram with the moddle extension of its dialect, as Camunda Modeler does (the two cannot be loaded together). */
export async function parse(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }> {
  return createModdle(dialectOf(xml)).fromXML(xml);
}

/** The project's lint configuration (`bpmn/.bpmnlintrc`), optionally with extra `extends`. */
export function projectConfig(extraExtends: string[] = []): Record<string, unknown> {
  const config = JSON.parse(fs.readFileSync(BPMNLINTRC, 'utf8')) as { extends: string[] };
  return { ...config, extends: [...config.extends, ...extraExtends] };
}

/**
 * Runs bpmnlint's real Linter with plugin resolution as the CLI does it (node resolution from the
 * `bpmn` package folder, where `bpmnlint-plugin-isccc` resolves to `bpmn/lint`).
 */
export async function lint(xml: string, config: Record<string, unknown> = projectConfig()): Promise<LintReports> {
  const { rootElement, warnings } = await parse(xml);
  if (warnings.length) throw new Error(`import warnings: ${warnings.map((w) => w.message).join('; ')}`);
  const resolver = new NodeResolver({ require });
  return new Linter({ config, resolver }).lint(rootElement);
}

/** `rule: element message` lines of every report, for assertion messages. */
export function formatReports(reports: LintReports): string[] {
  return Object.entries(reports).flatMap(([rule, list]) => list.map((r) => `${rule} [${r.category}] ${r.id ?? ''}: ${r.message}`));
}

/**
 * Deploys the §6 models and forms of a folder to a Zeebe cluster, in the order Zeebe needs: a model whose
 * process starts by message first (a message start event only catches messages published after its
 * deployment), then the others with the forms. Zeebe deploys an unchanged resource only once, so a second run
 * deploys nothing new and answers with the same versions and keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MESSAGES, modelPath, PROCESS_IDS } from '@isccc/bpmn';
import { zeebeClientFromEnvironment, type SdkSettings } from './sdk-client.js';

export interface DeployedResource {
  kind: 'process' | 'form';
  id: string;
  version: number;
  key: string;
  resourceName: string;
}

/** The models `@isccc/bpmn` ships (`bpmn/models`). */
export const SHIPPED_MODELS = path.dirname(modelPath('certification'));

/** Problems with the folder itself (missing, empty, unreadable): bad input, nothing was sent. */
export class DeployInputError extends Error {}

/** Processes that a message starts (per the contract): their models go first. */
const MESSAGE_STARTED: ReadonlySet<string> = new Set(MESSAGES.filter((m) => !('correlationKey' in m)).map((m) => PROCESS_IDS[m.process]));

function processIdsOf(xml: string): string[] {
  return [...xml.matchAll(/<(?:\w+:)?process\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]!);
}

/** The deployments to make, in order: each a list of files of `dir`. */
export function deploymentPlan(dir: string): string[][] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch (error) {
    throw new DeployInputError(`${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`);
  }
  const models = names.filter((n) => n.endsWith('.bpmn')).map((n) => path.join(dir, n));
  const forms = names.filter((n) => n.endsWith('.form')).map((n) => path.join(dir, n));
  if (models.length === 0) throw new DeployInputError(`${dir}: no .bpmn model to deploy`);
  const first = models.filter((file) => processIdsOf(fs.readFileSync(file, 'utf8')).some((id) => MESSAGE_STARTED.has(id)));
  const rest = [...models.filter((file) => !first.includes(file)), ...forms];
  return [first, rest].filter((group) => group.length > 0);
}

interface DeploymentReply {
  key: string;
  deployments: Array<{
    process?: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string };
    form?: { formId: string; version: number; formKey: string; resourceName: string };
  }>;
}

export async function deployFolder(dir: string, options: { settings?: SdkSettings } = {}): Promise<DeployedResource[][]> {
  const plan = deploymentPlan(dir);
  const client = zeebeClientFromEnvironment({ retry: false, ...(options.settings && { settings: options.settings }) });
  try {
    const out: DeployedResource[][] = [];
    for (const group of plan) {
      const resources = group.map((file) =>
        file.endsWith('.form') ? { name: path.basename(file), form: fs.readFileSync(file) } : { name: path.basename(file), process: fs.readFileSync(file) },
      );
      const reply = (await client.deployResources(resources)) as unknown as DeploymentReply;
      out.push(
        reply.deployments.flatMap((d): DeployedResource[] =>
          d.process
            ? [
                {
                  kind: 'process',
                  id: d.process.bpmnProcessId,
                  version: d.process.version,
                  key: d.process.processDefinitionKey,
                  resourceName: d.process.resourceName,
                },
              ]
            : d.form
              ? [{ kind: 'form', id: d.form.formId, version: d.form.version, key: d.form.formKey, resourceName: d.form.resourceName }]
              : [],
        ),
      );
    }
    return out;
  } finally {
    await client.close();
  }
}

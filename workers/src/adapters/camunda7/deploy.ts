/**
 * Deploys the generated Camunda 7 models together with the Camunda Forms their user tasks link
 * (`camunda:formRef`, binding latest), in one deployment over the REST API, as a body would deploy them to its
 * engine. Forms not deployed leave every user task without a form in Tasklist.
 */
import fs from 'node:fs';
import { FORM_IDS, formPath, type ProcessKey } from '@isccc/bpmn';
import { camunda7ModelPath } from '@isccc/bpmn/camunda7';
import type { EngineRest } from './rest.js';

export interface Deployment {
  id: string;
  /** Resource names deployed: the two models and every form. */
  resources: string[];
}

export async function deployModelsAndForms(rest: EngineRest, name = 'isccc-flow'): Promise<Deployment> {
  const body = new FormData();
  body.append('deployment-name', name);
  body.append('deployment-source', 'isccc-flow');
  const resources: string[] = [];
  for (const key of ['certification', 'lifecycle'] as ProcessKey[]) {
    const file = camunda7ModelPath(key);
    const resource = `${key}.bpmn`;
    body.append(resource, new Blob([fs.readFileSync(file)]), resource);
    resources.push(resource);
  }
  for (const formId of FORM_IDS) {
    const resource = `${formId}.form`;
    body.append(resource, new Blob([fs.readFileSync(formPath(formId))]), resource);
    resources.push(resource);
  }
  const deployed = await rest.call<{ id: string }>('POST', '/deployment/create', body);
  return { id: deployed.id, resources };
}

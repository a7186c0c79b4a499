import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { ProcedureRendering } from '../../src/procedure-view.js';
import { repoUri } from './workspace.js';

describe('Show certification procedure', () => {
  it('renders every BPMN model of bpmn/models with bpmn-js in a webview', async () => {
    const models = fs.readdirSync(repoUri('bpmn', 'models').fsPath).filter((file) => file.endsWith('.bpmn'));
    assert.ok(models.length > 0, 'bpmn/models has no model');
    for (const model of models) {
      const rendering = await vscode.commands.executeCommand<ProcedureRendering>('isccc.showProcedure', model);
      assert.equal(rendering.model, model);
      const xml = fs.readFileSync(repoUri('bpmn', 'models', model).fsPath, 'utf8');
      const shapes = (xml.match(/<bpmndi:BPMNShape\b/g) ?? []).length;
      // Every diagram shape becomes an element, plus the process root and the edges.
      assert.ok(rendering.elementCount > shapes, `${model}: ${rendering.elementCount} elements rendered for ${shapes} shapes`);
      assert.deepEqual(rendering.warnings, [], `${model}: bpmn-js import warnings`);
    }
  });
});

// Runs inside the "Show certification procedure" webview: renders the BPMN XML the extension posts.
/* global acquireVsCodeApi, BpmnJS -- provided by the VS Code webview and by the bpmn-js viewer bundle the page loads */
(function () {
  const vscode = acquireVsCodeApi();
  const info = document.getElementById('info');
  const viewer = new BpmnJS({ container: '#canvas' });

  viewer.on('element.click', (event) => {
    const element = event.element.businessObject;
    const documentation = (element.documentation || []).map((entry) => entry.text).join(' ');
    info.textContent = [element.name, documentation].filter(Boolean).join(' — ') || element.id;
  });

  window.addEventListener('message', async (event) => {
    const message = event.data;
    if (message.type !== 'load') return;
    try {
      const { warnings } = await viewer.importXML(message.xml);
      viewer.get('canvas').zoom('fit-viewport');
      const elements = viewer
        .get('elementRegistry')
        .getAll()
        .filter((element) => element.type !== 'label');
      vscode.postMessage({
        type: 'rendered',
        elementCount: elements.length,
        warnings: warnings.map((warning) => warning.message),
      });
    } catch (error) {
      vscode.postMessage({ type: 'error', message: String((error && error.message) || error) });
    }
  });

  vscode.postMessage({ type: 'ready' });
})();

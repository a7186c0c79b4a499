'use strict';

/**
 * Camunda Modeler plugin descriptor (the Modeler loads `resources/plugins/<folder>/index.js`): its client script
 * registers the isccc lint rules for Camunda 8 and Camunda 7 diagrams. Built by `npm run -w bpmn modeler-plugin`.
 */
module.exports = {
  name: 'isccc-flow',
  script: './client.js',
};

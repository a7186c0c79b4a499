'use strict';

/** Walking a process as the engine would: sequence flows, boundary events on their hosts, sub-process scopes. */

const { is } = require('./util');

/** Every flow element of a process or sub-process, the contents of sub-processes included. */
function flowElements(container) {
  const out = [];
  for (const el of container.flowElements || []) {
    out.push(el);
    if (is(el, 'bpmn:SubProcess')) out.push(...flowElements(el));
  }
  return out;
}

function flowNodes(container) {
  return flowElements(container).filter((el) => is(el, 'bpmn:FlowNode'));
}

/** The processes of a diagram (`bpmn:Definitions`). */
function processes(definitions) {
  return (definitions.rootElements || []).filter((el) => is(el, 'bpmn:Process'));
}

/** Boundary events attached to an activity. */
function boundaryEvents(activity) {
  const siblings = (activity.$parent && activity.$parent.flowElements) || [];
  return siblings.filter((el) => is(el, 'bpmn:BoundaryEvent') && el.attachedToRef === activity);
}

/** The node and the sub-processes around it, innermost first. */
function scopes(node) {
  const out = [];
  for (let at = node; at && is(at, 'bpmn:FlowNode'); at = at.$parent) out.push(at);
  return out;
}

const targets = (node) => (node.outgoing || []).map((flow) => flow.targetRef).filter(Boolean);
const sources = (node) => (node.incoming || []).map((flow) => flow.sourceRef).filter(Boolean);

/**
 * Walks back from a node along incoming flows (a boundary event leads back to its host, the start of a sub-process
 * to the sub-process) and tells whether every path to it passes a node `stop` accepts. A path that reaches a node
 * with nothing before it (a start event of the process) does not.
 */
function everyPathPasses(node, stop) {
  const seen = new Set();
  const unguarded = (n) => {
    if (seen.has(n)) return false;
    seen.add(n);
    const before = is(n, 'bpmn:BoundaryEvent') ? [n.attachedToRef].filter(Boolean) : sources(n);
    if (before.length === 0) {
      const parent = n.$parent;
      return is(parent, 'bpmn:SubProcess') ? unguarded(parent) : true;
    }
    return before.some((s) => !stop(s) && unguarded(s));
  };
  return !unguarded(node);
}

/** Nodes reachable forwards from a node (outgoing flows; a boundary event's host is not followed). */
function reachable(node) {
  const seen = new Set();
  const queue = [...targets(node)];
  while (queue.length) {
    const n = queue.shift();
    if (seen.has(n)) continue;
    seen.add(n);
    queue.push(...targets(n));
  }
  return seen;
}

module.exports = { flowElements, flowNodes, processes, boundaryEvents, scopes, targets, sources, everyPathPasses, reachable };

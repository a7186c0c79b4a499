'use strict';

const { contract, is, extensions, properties, meta } = require('../lib/util');
const { didYouMean } = require('../lib/suggest');

const names = Object.keys(contract.messages);

/** The subscription's correlation key as the contract writes it: Zeebe's FEEL (`=x`), or a Camunda 7 `correlationKey` property (`x`). */
function correlationKey(message) {
  const sub = extensions(message, 'subscription')[0];
  if (sub) return sub.correlationKey;
  const prop = properties(message).find((p) => p.name === 'correlationKey');
  return prop ? `=${prop.value}` : undefined;
}

/**
 * Every `bpmn:message` is one the ISCCC workers publish (its name is in the contract's MESSAGES) and its subscription
 * correlates on the contract's key, so a published message reaches the instance it is for.
 */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Message')) return;
    const keys = contract.messages[node.name];
    if (!keys) {
      reporter.report(
        node.id,
        `message ${node.name || '(no name)'} is not an ISCCC message, so nothing ever publishes it${didYouMean(node.name || '', names)} — apply an ISCCC message template`,
      );
      return;
    }
    const key = correlationKey(node);
    if (key !== undefined && !keys.includes(key)) {
      reporter.report(
        node.id,
        `message ${node.name} correlates on ${key}, but its publishers send ${keys.filter(Boolean).join(' or ')} — a published message would not find this instance`,
      );
    }
  }
  return { check, meta: meta('message-known') };
};

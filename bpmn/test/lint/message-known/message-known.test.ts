import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('message-known');

import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('task-type-known');

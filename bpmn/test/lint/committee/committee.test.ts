import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('committee');

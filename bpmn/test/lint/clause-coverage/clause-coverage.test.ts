import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('clause-coverage');

import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('suspension-period');

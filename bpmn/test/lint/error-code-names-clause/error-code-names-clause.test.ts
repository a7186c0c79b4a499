import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('error-code-names-clause');

import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('surveillance-interval');

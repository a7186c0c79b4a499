import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('suspension-three-months');

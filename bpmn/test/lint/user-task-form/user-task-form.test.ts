import { describeRuleFixtures } from '../fixtures.js';

describeRuleFixtures('user-task-form');

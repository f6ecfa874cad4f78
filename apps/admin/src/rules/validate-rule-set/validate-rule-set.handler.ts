import { Injectable } from '@nestjs/common';
import { type PostedRuleSet, ruleSetRefused } from '../rule-set-body';

/** Says whether a rule set would be accepted, with every error by path; stores nothing. */
@Injectable()
export class ValidateRuleSetHandler {
  execute(posted: PostedRuleSet): { valid: true } {
    if (!posted.parsed.ok) throw ruleSetRefused(posted.parsed.errors);
    return { valid: true };
  }
}

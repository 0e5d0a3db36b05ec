import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';
import type { NchlFieldProblem } from '../../providers/nchl/nchl.validation.js';

const CODES: Readonly<Record<NchlFieldProblem['kind'], UserErrorCode>> = {
  amount: UserErrorCode.INVALID_AMOUNT,
  phone: UserErrorCode.INVALID_PHONE,
  field: UserErrorCode.INVALID_INPUT,
};

/** NCHL's field rules as failures naming our input fields (`fieldNames` renames provider fields). */
export function problemsAsFailures(
  problems: readonly NchlFieldProblem[],
  fieldNames: Readonly<Record<string, string>> = {},
): UserFailure[] {
  return problems.map((problem) => {
    const field = fieldNames[problem.field] ?? problem.field;
    return userFailure(CODES[problem.kind], problem.message.replace(problem.field, field), ['input', field]);
  });
}

import { UserErrorCode } from '../../domain/user-error-codes.js';
import type { NchlFieldProblem } from '../../providers/nchl/nchl.validation.js';
import { UserError } from '../common/user-error.type.js';

const CODES: Record<NchlFieldProblem['kind'], UserErrorCode> = {
  amount: UserErrorCode.INVALID_AMOUNT,
  phone: UserErrorCode.INVALID_PHONE,
  field: UserErrorCode.INVALID_INPUT,
};

/** NCHL's field rules as userErrors naming our input fields (`fieldNames` renames provider fields). */
export function problemsAsUserErrors(
  problems: readonly NchlFieldProblem[],
  fieldNames: Record<string, string> = {},
): UserError[] {
  return problems.map((problem) =>
    UserError.of(
      CODES[problem.kind],
      problem.message.replace(problem.field, fieldNames[problem.field] ?? problem.field),
      ['input', fieldNames[problem.field] ?? problem.field],
    ),
  );
}

import { validate, type ValidationError } from 'class-validator';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { UserError } from './user-error.type.js';

/**
 * Runs the class-validator rules of a mutation input and returns them as userErrors naming the field
 * (["input", "amount"]). Values are never echoed in messages: inputs may hold passwords or card data.
 */
export async function validateInput(input: object, root = 'input'): Promise<UserError[]> {
  const errors = await validate(input, {
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  return errors.flatMap((error) => toUserErrors(error, [root]));
}

function toUserErrors(error: ValidationError, parent: string[]): UserError[] {
  const field = [...parent, error.property];
  const own = Object.values(error.constraints ?? {}).map((message) =>
    UserError.of(UserErrorCode.INVALID_INPUT, message, field),
  );
  return [...own, ...(error.children ?? []).flatMap((child) => toUserErrors(child, field))];
}

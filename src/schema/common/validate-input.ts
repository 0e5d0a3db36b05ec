import { validate, type ValidationError } from 'class-validator';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';
import { UserError } from './user-error.type.js';

/**
 * Runs the class-validator rules of a mutation input and returns them as failures naming the field
 * (["input", "amount"]). Values are never echoed in messages: inputs may hold passwords or card data.
 */
export async function inputFailures(input: object, root = 'input'): Promise<UserFailure[]> {
  const errors = await validate(input, {
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  return errors.flatMap((error) => toFailures(error, [root]));
}

/** The same, as the userErrors of a payload. */
export async function validateInput(input: object, root = 'input'): Promise<UserError[]> {
  return (await inputFailures(input, root)).map((failure) => UserError.from(failure));
}

function toFailures(error: ValidationError, parent: string[]): UserFailure[] {
  const field = [...parent, error.property];
  const own = Object.values(error.constraints ?? {}).map((message) =>
    userFailure(UserErrorCode.INVALID_INPUT, message, field),
  );
  return [...own, ...(error.children ?? []).flatMap((child) => toFailures(child, field))];
}

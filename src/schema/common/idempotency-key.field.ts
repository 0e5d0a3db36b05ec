import { Matches, MaxLength, MinLength } from 'class-validator';
import { Field } from 'type-graphql';

/**
 * The `idempotencyKey` field every money-moving input carries: the key that makes a retry safe.
 * Usage: `@IdempotencyKeyField() idempotencyKey!: string;`
 */
export function IdempotencyKeyField(): PropertyDecorator {
  return (target, property) => {
    Field(() => String, {
      description:
        'Client-chosen key (1 to 255 printable ASCII characters, e.g. a UUID). Sending the same key with the same input returns the first result without moving money again; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED.',
    })(target, property);
    MinLength(1, { message: 'idempotencyKey must not be empty' })(target, property as string);
    MaxLength(255, { message: 'idempotencyKey must be at most 255 characters' })(target, property as string);
    Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })(
      target,
      property as string,
    );
  };
}

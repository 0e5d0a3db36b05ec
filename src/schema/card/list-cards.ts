import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import { cardOf, cardsOf, type CardCursor, type CardRecord } from '../../sessions/account-views.js';
import type { GraphQLContext } from '../context.js';
import { decodeCursor, encodeCursor, toConnection, type PageArgs } from '../common/connection.js';
import type { CardConnection } from './card.connection.js';
import { Card } from './card.type.js';

/** One page of the cards a principal has inquired, most recently inquired first. */
export async function listCards(
  context: GraphQLContext,
  principal: string,
  page: PageArgs,
): Promise<CardConnection> {
  const first = Math.min(Math.max(page.first, 1), 100);
  const after = page.after ? decodeCursor(page.after, isCardCursor) : undefined;
  if (page.after && !after) {
    throw new GraphQLError('The `after` cursor is not valid', {
      extensions: { code: SystemErrorCode.BAD_USER_INPUT, argumentName: 'after' },
    });
  }
  const rows = await cardsOf(context.services.accounts, principal, first + 1, after);
  return toConnection(rows, first, cursorOf, Card.fromRecord, Boolean(after));
}

/** `node(id:)` for a Card: only the caller's own cards resolve. */
export async function fetchCardNode(localId: string, context: GraphQLContext): Promise<Card | undefined> {
  const principal = context.principal?.id;
  const record = principal ? await cardOf(context.services.accounts, principal, localId) : undefined;
  return record && Card.fromRecord(record);
}

function cursorOf(record: CardRecord): string {
  return encodeCursor({ asOf: record.asOf.toISOString(), id: record.id } satisfies CardCursor);
}

function isCardCursor(value: unknown): value is CardCursor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CardCursor).asOf === 'string' &&
    typeof (value as CardCursor).id === 'string'
  );
}

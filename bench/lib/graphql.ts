/** A GraphQL call for setting the benchmark up (not for measuring: autocannon does that). */
export async function graphql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** A GraphQL POST as autocannon sends it. */
export function graphqlRequest(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
) {
  return {
    url: `${url}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  };
}

export const CREATE_PAYMENT = `mutation Pay($input: CreatePaymentInput!) {
  createPayment(input: $input) { transaction { id providerReference status } userErrors { code message } }
}`;

/** B2: one ledger read, then the live status from NumeroPay through the liveStatus DataLoader. */
export const TRANSACTION_STATUS = `query TransactionStatus($id: ID!) { transaction(id: $id) { id status } }`;

export const RECHARGE_MOBILE = `mutation Recharge($input: RechargeMobileInput!) {
  rechargeMobile(input: $input) { transaction { id status } userErrors { code } }
}`;

export interface CreatedPayment {
  createPayment: {
    transaction: { id: string; providerReference: string; status: string } | null;
    userErrors: { code: string; message: string }[];
  };
}

export async function createPayment(
  url: string,
  token: string,
  key: string,
): Promise<{ id: string; reference: string }> {
  const data = await graphql<CreatedPayment>(url, token, CREATE_PAYMENT, {
    input: { idempotencyKey: key, amount: '25.00', currency: 'AUD', description: 'bench' },
  });
  const transaction = data.createPayment.transaction;
  if (!transaction)
    throw new Error(`createPayment refused: ${JSON.stringify(data.createPayment.userErrors)}`);
  return { id: transaction.id, reference: transaction.providerReference };
}

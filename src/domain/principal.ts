/** Who is calling: the verified `sub` of the bearer token and its scopes. */
export interface Principal {
  id: string;
  scopes: readonly string[];
}

/** Scope that lets a principal act as an ATM / branch operator (cash-out). */
export const OPERATOR_SCOPE = 'operator';

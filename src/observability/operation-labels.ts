/** Label of operations without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** Label of every name beyond the known ones. */
export const OTHER_OPERATION = 'other';

/**
 * The values the GraphQL operation label may take, so that clients cannot grow /metrics by naming their
 * operations: the names of the persisted manifest when there is one, otherwise the first `capacity`
 * names seen; anything else is `other`.
 */
export class OperationLabels {
  private readonly names = new Set<string>();
  private open = true;

  constructor(private readonly capacity: number) {}

  /** Only these names are labelled from now on (the manifest's operations). */
  restrictTo(names: Iterable<string>): void {
    this.names.clear();
    for (const name of names) this.names.add(name);
    this.open = false;
  }

  labelOf(operationName: string | undefined | null): string {
    if (!operationName) return ANONYMOUS_OPERATION;
    if (this.names.has(operationName)) return operationName;
    if (!this.open || this.names.size >= this.capacity) return OTHER_OPERATION;
    this.names.add(operationName);
    return operationName;
  }
}

/** What a VPC endpoint's state means for the wait. */
export type EndpointStateOutcome = 'ready' | 'pending' | 'failed';

/** States as the service returns them (AWS-FACTS), lower-cased. */
const OUTCOMES: Readonly<Record<string, EndpointStateOutcome>> = {
  available: 'ready',
  pending: 'pending',
  pendingacceptance: 'pending',
  failed: 'failed',
  rejected: 'failed',
  expired: 'failed',
  deleting: 'failed',
  deleted: 'failed',
};

/**
 * Classifies an endpoint's state, case-insensitively: the SDK's enum is PascalCase
 * (`PendingAcceptance`) while the service returns camelCase (`pendingAcceptance`). A state this
 * table does not know (EC2 adds some, e.g. `partial`) counts as pending: the wait's time limit
 * then ends it with the state named, rather than failing a request that might still succeed.
 */
export function endpointStateOutcome(state: string): EndpointStateOutcome {
  return OUTCOMES[state.toLowerCase()] ?? 'pending';
}

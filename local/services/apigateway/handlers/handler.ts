import type { Clock } from '../../../core/clock';
import type { CloudResponse } from '../../../core/types';
import type { ApiCall } from '../request';
import type { ApiGatewayStore } from '../store';

/** What every operation handler works with. */
export interface ServiceState {
  readonly store: ApiGatewayStore;
  readonly clock: Clock;
  readonly accountId: string;
}

export type Handler = (state: ServiceState, call: ApiCall) => CloudResponse;

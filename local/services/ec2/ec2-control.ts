import { z } from 'zod';
import { AwsError } from '../../core/aws-error';
import type { Clock } from '../../core/clock';
import { vpcEndpointNotFound } from './ec2-errors';
import type { Ec2Store } from './ec2-store';
import { ENDPOINT_STATES, endpointStateAt } from './endpoint-lifecycle';

const endpointIdInput = z.object({ vpcEndpointId: z.string().min(1) });
const holdInput = endpointIdInput.extend({ hold: z.boolean() });
/** `auto` lifts a forced state: the clock decides again. */
const setStateInput = endpointIdInput.extend({ state: z.enum([...ENDPOINT_STATES, 'auto']) });

function parse<T>(schema: z.ZodType<T>, action: string, input: Record<string, unknown>): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new AwsError('InvalidParameter', `${action}: ${details.join('; ')}`);
}

/**
 * The local EC2's tampering actions (`POST /_local/ec2/{action}`), for tests of what AWS may do
 * behind the control plane's back:
 * - `hold-endpoint {vpcEndpointId, hold}`: keep an endpoint `pending` until released;
 * - `set-endpoint-state {vpcEndpointId, state}`: force a state (`failed`, `rejected`, …; `auto` lifts it;
 *   `deleting` starts a deletion);
 * - `delete-endpoint {vpcEndpointId}`: make the endpoint vanish at once, as if deleted elsewhere.
 */
export function createEc2Control(store: Ec2Store, clock: Clock) {
  const requireEndpoint = (vpcEndpointId: string) => {
    const endpoint = store.findEndpoint(vpcEndpointId);
    if (!endpoint) throw vpcEndpointNotFound(vpcEndpointId);
    return endpoint;
  };
  const describe = (vpcEndpointId: string) => {
    const endpoint = store.findEndpoint(vpcEndpointId);
    return { vpcEndpointId, state: endpoint ? endpointStateAt(endpoint, clock.now()) : 'gone' };
  };

  return (action: string, input: Record<string, unknown>): unknown => {
    switch (action) {
      case 'hold-endpoint': {
        const { vpcEndpointId, hold } = parse(holdInput, action, input);
        store.putEndpoint({ ...requireEndpoint(vpcEndpointId), held: hold });
        return describe(vpcEndpointId);
      }
      case 'set-endpoint-state': {
        const { vpcEndpointId, state } = parse(setStateInput, action, input);
        const endpoint = requireEndpoint(vpcEndpointId);
        if (state === 'deleting') store.putEndpoint({ ...endpoint, deletingSinceMs: clock.now() });
        else store.putEndpoint({ ...endpoint, forcedState: state === 'auto' ? undefined : state });
        return describe(vpcEndpointId);
      }
      case 'delete-endpoint': {
        const { vpcEndpointId } = parse(endpointIdInput, action, input);
        requireEndpoint(vpcEndpointId);
        store.removeEndpoint(vpcEndpointId);
        return describe(vpcEndpointId);
      }
      default:
        throw new AwsError(
          'InvalidParameter',
          `unknown ec2 control action '${action}' (hold-endpoint, set-endpoint-state, delete-endpoint)`,
        );
    }
  };
}

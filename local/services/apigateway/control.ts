import { z } from 'zod';
import { AwsError } from '../../core/aws-error';
import { disassociate } from './endpoint-configuration';
import { notFound } from './errors';
import { type ApiGatewayStore, stageOf } from './store';

const restApiInput = z.object({ restApiId: z.string().min(1) });
const endpointInput = restApiInput.extend({ vpcEndpointId: z.string().min(1) });
const stageInput = restApiInput.extend({ stageName: z.string().min(1) });
const policyInput = restApiInput.extend({ policy: z.string() });

function parse<T>(schema: z.ZodType<T>, action: string, input: Record<string, unknown>): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`,
    );
    throw new AwsError('InvalidParameter', `${action}: ${problems.join('; ')}`, 400);
  }
  return result.data;
}

/**
 * Changes made "behind the control plane's back" for drift tests: they bypass the API, its
 * validation and the quotas, the way a person in the console or another tool would. Each
 * returns what it did; an unknown API, stage or association → NotFoundException (404).
 */
export function runControlAction(
  store: ApiGatewayStore,
  action: string,
  input: Record<string, unknown>,
): Record<string, unknown> {
  switch (action) {
    case 'remove-policy': {
      const { restApiId } = parse(restApiInput, action, input);
      const api = store.apiAnyRegion(restApiId);
      const hadPolicy = api.policy !== undefined;
      api.policy = undefined;
      return { action, restApiId, removed: hadPolicy };
    }
    case 'set-policy': {
      const { restApiId, policy } = parse(policyInput, action, input);
      store.apiAnyRegion(restApiId).policy = policy;
      return { action, restApiId, policy };
    }
    case 'disassociate-endpoint': {
      const { restApiId, vpcEndpointId } = parse(endpointInput, action, input);
      if (!disassociate(store.apiAnyRegion(restApiId), vpcEndpointId)) {
        throw notFound(`VPC endpoint ${vpcEndpointId} is not associated with REST API ${restApiId}`);
      }
      return { action, restApiId, vpcEndpointId, disassociated: true };
    }
    case 'delete-stage': {
      const { restApiId, stageName } = parse(stageInput, action, input);
      const api = store.apiAnyRegion(restApiId);
      delete api.stages[stageOf(api, stageName).stageName];
      return { action, restApiId, stageName, deleted: true };
    }
    default:
      throw new AwsError(
        'InvalidParameter',
        `unknown apigateway control action '${action}': use remove-policy, set-policy, disassociate-endpoint or delete-stage`,
        400,
      );
  }
}

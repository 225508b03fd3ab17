import { isAwsError } from '../../../core/aws-error';
import { missingParameter } from '../ec2-errors';
import type { Ec2Operation } from '../operation-context';
import { fragments, itemSet, leaf, node, type Xml } from '../xml';

function unsuccessfulItem(resourceId: string, code: string, message: string): Xml {
  return fragments(
    node('error', leaf('code', code), leaf('message', message)),
    leaf('resourceId', resourceId),
  );
}

/**
 * DeleteVpcEndpoints: each known endpoint turns `deleting` and disappears after the simulated
 * deletion time. Unknown ids do not fail the call: they come back in the `unsuccessful` set with
 * `InvalidVpcEndpoint.NotFound`, as EC2 answers batch deletes.
 */
export const deleteVpcEndpoints: Ec2Operation = ({ store, params, region, now }) => {
  const ids = params.list('VpcEndpointId');
  if (ids.length === 0) throw missingParameter('VpcEndpointId');
  const unsuccessful: Xml[] = [];
  for (const id of new Set(ids)) {
    try {
      const endpoint = store.requireEndpoint(region, id);
      if (endpoint.deletingSinceMs === undefined) store.putEndpoint({ ...endpoint, deletingSinceMs: now });
    } catch (error: unknown) {
      if (!isAwsError(error)) throw error;
      const { code, message } = error;
      unsuccessful.push(
        code === 'InvalidVpcEndpointId.NotFound'
          ? unsuccessfulItem(id, 'InvalidVpcEndpoint.NotFound', `The VPC endpoint ${id} does not exist`)
          : unsuccessfulItem(id, code, message),
      );
    }
  }
  return itemSet('unsuccessful', unsuccessful);
};

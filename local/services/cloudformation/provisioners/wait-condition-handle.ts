import type { ResourceProvisioner } from './resource-provisioner';

/**
 * AWS::CloudFormation::WaitConditionHandle: no properties, nothing to call; its Ref (the physical
 * id) is the presigned URL a wait condition's signal goes to. The local one is a URL of the same
 * form that nothing serves (no AWS::CloudFormation::WaitCondition here).
 */
export function waitConditionHandleProvisioner(): ResourceProvisioner {
  return {
    async create(request) {
      const { region, stackId } = request.stack;
      const key = encodeURIComponent(`${stackId}/${request.logicalId}`);
      return {
        physicalId: `https://cloudformation-waitcondition-${region}.s3.amazonaws.com/${key}`,
        attributes: {},
        noEcho: false,
      };
    },
    async update(request) {
      return { physicalId: request.physicalId ?? '', attributes: {}, noEcho: false };
    },
    async delete() {},
  };
}

/** The serverless.yml service name: every deployed resource is named `papi-{stage}-…`. */
export const SERVICE_NAME = 'papi';

/**
 * The names of a stage's resources, as serverless.yml gives them on AWS and the local deploy
 * gives them on the local cloud; the CLI derives its targets from them.
 */
export function controlPlaneNames(stage: string) {
  return {
    /** serverless's stack name, `{service}-{stage}`. */
    stackName: `${SERVICE_NAME}-${stage}`,
    /** serverless.yml's default definitionBucket: the s3:// OpenApi documents the provider may read. */
    definitionBucketName: `${SERVICE_NAME}-${stage}-definitions`,
    tableName: `${SERVICE_NAME}-${stage}-status`,
    eventBusName: `${SERVICE_NAME}-${stage}`,
    intakeRuleName: `${SERVICE_NAME}-${stage}-intake`,
    /** The default bus's schedule that runs close-stalled-requests. */
    stalledSweepRuleName: `${SERVICE_NAME}-${stage}-close-stalled-requests`,
    stateMachineName: `${SERVICE_NAME}-${stage}-provision-private-api`,
    functionName: (key: string) => `${SERVICE_NAME}-${stage}-${key}`,
  };
}

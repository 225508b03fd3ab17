import * as errors from '../../../../shared/errors';

const {
  AssociationNotAppliedError,
  AwsConflictError,
  AwsLimitExceededError,
  AwsThrottlingError,
  AwsTransientError,
  ConfigurationError,
  ControlPlaneError,
  DefinitionMissingError,
  DnsNotResolvingError,
  LeaseHeldError,
  ManagedApiStateError,
  NoHttpsIngressError,
  NotManagedError,
  PolicyInputError,
  PolicyTooLargeError,
  PreflightError,
  PrivateApiQuotaReachedError,
  RequestClosedError,
  RequestValidationError,
  RestApiNotFoundError,
  RETRYABLE_ERROR_NAMES,
  SecurityGroupNotInVpcError,
  SubnetNotInVpcError,
  VpcDnsAttributesOffError,
  VpcEndpointBusyError,
  VpcEndpointConflictError,
  VpcEndpointDnsNameMissingError,
  VpcEndpointFailedError,
  VpcEndpointMismatchError,
  VpcEndpointNotAllowedError,
  VpcEndpointNotUsableError,
  VpcEndpointTimeoutError,
  VpcNotFoundError,
} = errors;

const facts = { awsErrorName: 'TooManyRequestsException' };

/** One instance of every error class, made as the steps make them, by the name it must carry. */
const instances: Record<string, Error> = {
  RequestValidationError: new RequestValidationError([{ field: 'apiKey', message: 'expected …' }]),
  ConfigurationError: new ConfigurationError('TABLE_NAME is not set'),
  VpcNotFoundError: new VpcNotFoundError('m'),
  VpcDnsAttributesOffError: new VpcDnsAttributesOffError('m'),
  SubnetNotInVpcError: new SubnetNotInVpcError('m'),
  SecurityGroupNotInVpcError: new SecurityGroupNotInVpcError('m'),
  NoHttpsIngressError: new NoHttpsIngressError('m'),
  PrivateApiQuotaReachedError: new PrivateApiQuotaReachedError('m'),
  VpcEndpointFailedError: new VpcEndpointFailedError('m'),
  VpcEndpointTimeoutError: new VpcEndpointTimeoutError('m'),
  VpcEndpointMismatchError: new VpcEndpointMismatchError('m'),
  VpcEndpointConflictError: new VpcEndpointConflictError('m'),
  VpcEndpointDnsNameMissingError: new VpcEndpointDnsNameMissingError('m'),
  RestApiNotFoundError: new RestApiNotFoundError('m'),
  AssociationNotAppliedError: new AssociationNotAppliedError('m'),
  DnsNotResolvingError: new DnsNotResolvingError('m'),
  PolicyInputError: new PolicyInputError('m'),
  PolicyTooLargeError: new PolicyTooLargeError(9000, 8192),
  AwsThrottlingError: new AwsThrottlingError(facts, 'm'),
  AwsConflictError: new AwsConflictError(facts, 'm'),
  AwsTransientError: new AwsTransientError(facts, 'm'),
  AwsLimitExceededError: new AwsLimitExceededError(facts, 'm'),
  LeaseHeldError: new LeaseHeldError('m'),
  VpcEndpointBusyError: new VpcEndpointBusyError('m'),
  NotManagedError: new NotManagedError('m'),
  ManagedApiStateError: new ManagedApiStateError('m'),
  DefinitionMissingError: new DefinitionMissingError('m'),
  RequestClosedError: new RequestClosedError('m'),
  VpcEndpointNotUsableError: new VpcEndpointNotUsableError('m'),
  VpcEndpointNotAllowedError: new VpcEndpointNotAllowedError('m'),
};

describe('named errors', () => {
  it.each(Object.entries(instances))('%s carries its own name, in its stack too', (name, error) => {
    // Assess
    expect(error.name).toBe(name);
    expect(error.stack?.startsWith(`${name}: `)).toBe(true);
    expect(error).toBeInstanceOf(ControlPlaneError);
    expect(error).toBeInstanceOf(Error);
  });

  it('exports a class for every error it documents', () => {
    // Prepare
    const exportedClasses = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof ControlPlaneError)
      .map(([name]) => name);
    const abstractBases = ['PreflightError', 'AwsServiceError'];

    // Assess
    expect(exportedClasses.filter((name) => !abstractBases.includes(name)).sort()).toEqual(
      Object.keys(instances).sort(),
    );
  });

  it('keeps the wrapped error as its cause', () => {
    // Prepare
    const original = new Error('InvalidParameter: conflicting DNS domain');

    // Act
    const error = new VpcEndpointConflictError('use the existing endpoint', { cause: original });

    // Assess
    expect(error.cause).toBe(original);
  });

  it('gives every preflight error its own code and the PreflightError family', () => {
    // Prepare
    const preflight = [
      new VpcNotFoundError('m'),
      new VpcDnsAttributesOffError('m'),
      new SubnetNotInVpcError('m'),
      new SecurityGroupNotInVpcError('m'),
      new NoHttpsIngressError('m'),
      new PrivateApiQuotaReachedError('m'),
    ];

    // Assess
    expect(preflight.every((error) => error instanceof PreflightError)).toBe(true);
    expect(preflight.map((error) => error.code)).toEqual([
      'VpcNotFound',
      'VpcDnsAttributesOff',
      'SubnetNotInVpc',
      'SecurityGroupNotInVpc',
      'NoHttpsIngress',
      'PrivateApiQuotaReached',
    ]);
  });

  it('puts every field problem in the RequestValidationError message', () => {
    // Act
    const error = new RequestValidationError([
      { field: 'network.subnetIds[1]', message: 'expected a subnet id like subnet-0123456789abcdef0' },
      { field: 'apiKey', message: 'required: …' },
    ]);

    // Assess
    expect(error.message).toBe(
      'the request is invalid: network.subnetIds[1]: expected a subnet id like subnet-0123456789abcdef0; apiKey: required: …',
    );
    expect(error.errors).toHaveLength(2);
  });

  it('lists only names of real errors as retryable, and no error a person must fix', () => {
    // Prepare
    const ownNames = Object.values(RETRYABLE_ERROR_NAMES)
      .flat()
      .filter((name) => !name.startsWith('Lambda.'));

    // Assess
    expect(ownNames.every((name) => name in instances)).toBe(true);
    expect(ownNames).not.toContain('AwsLimitExceededError');
    expect(ownNames).not.toContain('VpcDnsAttributesOffError');
    expect(ownNames).toEqual(
      expect.arrayContaining(['AwsThrottlingError', 'AwsConflictError', 'AwsTransientError']),
    );
  });
});

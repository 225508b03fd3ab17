import { AssociationNotAppliedError, RestApiNotFoundError } from '../../../../shared/errors';
import { type AssociateEndpointDeps, associateEndpoint } from '../../../../shared/steps/associate-endpoint';
import { caught } from './fakes/caught';
import { FakeApiGateway } from './fakes/fake-api-gateway';

const ENDPOINT = 'vpce-0aaaaaaaaaaaaaaa1';
const OTHER_ENDPOINT = 'vpce-0bbbbbbbbbbbbbbb2';

describe('associateEndpoint', () => {
  let apiGateway: FakeApiGateway;
  let deps: AssociateEndpointDeps;

  beforeEach(() => {
    apiGateway = new FakeApiGateway();
    deps = { apiGateway };
  });

  it('associates the endpoint, keeping the ones already there, and checks that it took', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({ vpcEndpointIds: [OTHER_ENDPOINT] });

    // Act
    const result = await associateEndpoint({ restApiId, vpcEndpointId: ENDPOINT }, deps);

    // Assess
    expect(result).toEqual({ changed: true });
    expect(apiGateway.api(restApiId).summary.vpcEndpointIds).toEqual([OTHER_ENDPOINT, ENDPOINT]);
    expect(apiGateway.operations()).toEqual(['getRestApi', 'addEndpointAssociation', 'getRestApi']);
  });

  it('changes nothing when the endpoint is already associated', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({ vpcEndpointIds: [ENDPOINT] });

    // Act
    const result = await associateEndpoint({ restApiId, vpcEndpointId: ENDPOINT }, deps);

    // Assess
    expect(result).toEqual({ changed: false });
    expect(apiGateway.operations()).toEqual(['getRestApi']);
  });

  it('associates once when it runs twice', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    await associateEndpoint({ restApiId, vpcEndpointId: ENDPOINT }, deps);

    // Act
    const second = await associateEndpoint({ restApiId, vpcEndpointId: ENDPOINT }, deps);

    // Assess
    expect(second).toEqual({ changed: false });
    expect(apiGateway.api(restApiId).summary.vpcEndpointIds).toEqual([ENDPOINT]);
  });

  it('fails with AssociationNotAppliedError when UpdateRestApi answers but the endpoint is not there after', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    apiGateway.dropAssociations = true;

    // Act
    const error = await caught(associateEndpoint({ restApiId, vpcEndpointId: ENDPOINT }, deps));

    // Assess
    expect(error).toBeInstanceOf(AssociationNotAppliedError);
    expect(error.name).toBe('AssociationNotAppliedError');
    expect(error.message).toContain(`${ENDPOINT} is not among the endpoints of ${restApiId}`);
  });

  it('fails with RestApiNotFoundError when the API is gone', async () => {
    // Prepare
    const restApiId = 'zzzzzzzzzz';

    // Act
    const error = await caught(associateEndpoint({ restApiId, vpcEndpointId: ENDPOINT }, deps));

    // Assess
    expect(error).toBeInstanceOf(RestApiNotFoundError);
    expect(apiGateway.operations()).toEqual(['getRestApi']);
  });
});

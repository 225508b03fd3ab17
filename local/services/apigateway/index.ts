import type { AwsError } from '../../core/aws-error';
import type { CloudRequest, CloudResponse, LocalService, ServiceContext } from '../../core/types';
import type { ApiGatewayView } from '../../core/views';
import { runControlAction } from './control';
import * as deployments from './handlers/deployments';
import type { Handler, ServiceState } from './handlers/handler';
import * as methods from './handlers/methods';
import * as resources from './handlers/resources';
import * as restApis from './handlers/rest-apis';
import * as tags from './handlers/tags';
import { matchRoute } from './routes';
import { ApiGatewayStore } from './store';

/** The local API Gateway (REST APIs, v1 management API) as the cloud's router and DNS see it. */
export interface ApiGatewayService extends LocalService {
  readonly signingName: 'apigateway';
  /** REST APIs and their VPC endpoint associations, for the DNS server. */
  readonly view: ApiGatewayView;
  control(action: string, input: Record<string, unknown>): Record<string, unknown>;
  snapshot(): unknown;
  restore(state: unknown): void;
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  CreateRestApi: restApis.createRestApi,
  GetRestApi: restApis.getRestApi,
  GetRestApis: restApis.getRestApis,
  UpdateRestApi: restApis.updateRestApi,
  DeleteRestApi: restApis.deleteRestApi,
  ImportRestApi: restApis.importRestApi,
  PutRestApi: restApis.putRestApi,
  GetResources: resources.getResources,
  GetResource: resources.getResource,
  CreateResource: resources.createResource,
  DeleteResource: resources.deleteResource,
  PutMethod: methods.putMethod,
  GetMethod: methods.getMethod,
  DeleteMethod: methods.deleteMethod,
  PutMethodResponse: methods.putMethodResponse,
  GetMethodResponse: methods.getMethodResponse,
  DeleteMethodResponse: methods.deleteMethodResponse,
  PutIntegration: methods.putIntegration,
  GetIntegration: methods.getIntegration,
  DeleteIntegration: methods.deleteIntegration,
  PutIntegrationResponse: methods.putIntegrationResponse,
  GetIntegrationResponse: methods.getIntegrationResponse,
  DeleteIntegrationResponse: methods.deleteIntegrationResponse,
  CreateDeployment: deployments.createDeployment,
  GetDeployments: deployments.getDeployments,
  GetDeployment: deployments.getDeployment,
  DeleteDeployment: deployments.deleteDeployment,
  CreateStage: deployments.createStage,
  GetStage: deployments.getStage,
  GetStages: deployments.getStages,
  UpdateStage: deployments.updateStage,
  DeleteStage: deployments.deleteStage,
  GetTags: tags.getTags,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
};

/**
 * REST-JSON errors as API Gateway sends them: the HTTP status, `x-amzn-errortype` naming the
 * exception (the SDK maps it to its class, botocore to the error code), `{"message": ...}`, and
 * `Retry-After` for the throttling and limit errors that carry `retryAfterSeconds`.
 */
function renderError(error: AwsError): CloudResponse {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': error.code,
  };
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.ceil(error.retryAfterSeconds));
  return { status: error.status, headers, body: JSON.stringify({ message: error.message }) };
}

/**
 * Creates the local API Gateway: the management API for REST APIs over REST-JSON, as
 * `@aws-sdk/client-api-gateway` and the AWS CLI speak it, with the service's own rules
 * (deployability, policy expansion and size, stage and private API quotas).
 */
export function createApiGatewayService(ctx: ServiceContext): ApiGatewayService {
  const store = new ApiGatewayStore(ctx.accountId);
  const state: ServiceState = { store, clock: ctx.clock, accountId: ctx.accountId };

  const view: ApiGatewayView = {
    restApis: () =>
      store
        .all()
        .map((api) => ({ restApiId: api.id, region: api.region, endpointTypes: [api.endpointType] })),
    associations: () =>
      store.all().flatMap((api) =>
        api.associations.map((association) => ({
          restApiId: api.id,
          region: api.region,
          vpcEndpointId: association.vpcEndpointId,
          associatedAtMs: association.associatedAtMs,
        })),
      ),
  };

  return {
    signingName: 'apigateway',
    view,
    operationOf(req: CloudRequest) {
      const route = matchRoute(req);
      return 'operation' in route ? route.operation : route;
    },
    handle(req: CloudRequest, operation: string) {
      const route = matchRoute(req);
      if (!('operation' in route)) throw route;
      const handler = HANDLERS[operation];
      if (!handler || route.operation !== operation) throw new Error(`no handler for ${operation}`);
      return handler(state, { req, params: route.params, region: req.region });
    },
    errorResponse: renderError,
    control: (action, input) => runControlAction(store, action, input),
    snapshot: () => store.snapshot(),
    restore: (saved) => store.restore(saved),
  };
}

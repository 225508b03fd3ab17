import { type CfnTemplate, property, resourcesOfType } from './support/cloudformation';
import { FUNCTION_KEYS, lambdaFunction, lambdaLogicalId } from './support/control-plane-functions';
import { packagedService } from './support/packaged-service';
import { ARN_OF, deployedDefinition, type TaskState, taskStates } from './support/state-machine-definition';

/**
 * How much longer than its function a Task waits. On-demand Lambda runs the init phase (up to
 * 10 s) outside the function timeout, and the invoke itself takes a moment: 15 s lets the
 * function's own timeout (`Sandbox.Timedout`, which the ASL retries) reach the state machine
 * before the Task's `States.Timeout` (which it does not retry) fires while the function may
 * still be running and changing things.
 */
const TASK_TIMEOUT_MARGIN_SECONDS = 15;
/** ... and not much longer: a Task that waits far past its function only delays the retry of a lost invoke. */
const TASK_TIMEOUT_MAX_MARGIN_SECONDS = 30;

describe('the provisioning state machine in the packaged template', () => {
  let template: CfnTemplate;
  let tasks: TaskState[];

  beforeAll(async () => {
    template = (await packagedService()).template;
    tasks = taskStates(deployedDefinition(template, 'ProvisionPrivateApiStateMachine'));
  });

  it('resolves every Task resource to a function of the template', () => {
    // Prepare
    const functionIds = new Set(
      resourcesOfType(template, 'AWS::Lambda::Function').map(([logicalId]) => logicalId),
    );

    // Act
    const unresolved = tasks.filter(
      (task) =>
        typeof task.resource !== 'string' ||
        !task.resource.startsWith(ARN_OF) ||
        !functionIds.has(task.resource.slice(ARN_OF.length)),
    );

    // Assess
    expect(tasks.length).toBeGreaterThan(0);
    expect(unresolved).toEqual([]);
  });

  it("gives every Task a timeout just above its function's, so Lambda's own timeout error reaches the Retry", () => {
    // Prepare
    const timeoutOf = new Map(
      FUNCTION_KEYS.map((key) => {
        const lambda = template.Resources[lambdaLogicalId(key)];
        return [`${ARN_OF}${lambdaLogicalId(key)}`, lambda ? property(lambda, 'Timeout') : undefined];
      }),
    );

    // Act
    const outOfRange = tasks
      .map((task) => ({
        task: task.name,
        timeoutSeconds: task.timeoutSeconds,
        functionTimeout: timeoutOf.get(String(task.resource)),
      }))
      .filter(
        ({ timeoutSeconds, functionTimeout }) =>
          typeof timeoutSeconds !== 'number' ||
          typeof functionTimeout !== 'number' ||
          timeoutSeconds < functionTimeout + TASK_TIMEOUT_MARGIN_SECONDS ||
          timeoutSeconds > functionTimeout + TASK_TIMEOUT_MAX_MARGIN_SECONDS,
      );

    // Assess
    expect(outOfRange).toEqual([]);
  });

  it('leases an apiKey for exactly as long as an execution may run', () => {
    // Prepare
    const definition = deployedDefinition(template, 'ProvisionPrivateApiStateMachine');

    // Act
    const leaseSeconds = property(
      lambdaFunction(template, 'acquireLease'),
      'Environment',
      'Variables',
      'LEASE_SECONDS',
    );

    // Assess
    expect(typeof definition.TimeoutSeconds).toBe('number');
    expect(Number(leaseSeconds)).toBe(definition.TimeoutSeconds);
  });
});

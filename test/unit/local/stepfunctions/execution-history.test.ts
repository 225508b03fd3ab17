import { Clock } from '../../../../local/core/clock';
import {
  ExecutionHistory,
  renderHistoryEvent,
} from '../../../../local/services/stepfunctions/execution-history';

const entered = (name: string, type = 'Task') => ({
  type: 'StateEntered',
  timestamp: 1000,
  state: { name, type, input: { a: 1 } },
});
const exited = (name: string, type = 'Task') => ({
  type: 'StateExited',
  timestamp: 2000,
  state: { name, type, input: { a: 1 }, output: { b: 2 } },
});

/** A Lambda task attempt of `stateName`, as a Task's handler starts one. */
const beginLambdaAttempt = (history: ExecutionHistory, stateName: string) =>
  history.beginTask(
    stateName,
    { type: 'LambdaFunctionScheduled' },
    { type: 'LambdaFunctionStarted' },
    (cause) => ({
      type: 'LambdaFunctionTimedOut',
      detailsKey: 'lambdaFunctionTimedOutEventDetails',
      details: { cause },
    }),
  );

describe('ExecutionHistory', () => {
  it('writes a task attempt between the state entered and exited events', () => {
    // Prepare: the handler reports before the library's (asynchronous) events arrive.
    const history = new ExecutionHistory(new Clock(1));
    const attempt = beginLambdaAttempt(history, 'Check');
    attempt.succeeded({ type: 'LambdaFunctionSucceeded' });

    // Act
    history.onLibraryEvent(entered('Check'));
    history.onLibraryEvent(exited('Check'));

    // Assess
    expect(history.list().map((event) => event.type)).toEqual([
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
    ]);
  });

  it('numbers events from 1 and points each at the one before', () => {
    // Prepare
    const history = new ExecutionHistory(new Clock(1));

    // Act
    history.add({ type: 'ExecutionStarted' });
    history.onLibraryEvent(entered('Ready', 'Pass'));
    history.onLibraryEvent(exited('Ready', 'Pass'));

    // Assess
    expect(history.list().map(({ id, previousEventId }) => [id, previousEventId])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
  });

  it('records a timed-out attempt once and ignores the late result of its handler', () => {
    // Prepare
    const history = new ExecutionHistory(new Clock(1));
    const attempt = beginLambdaAttempt(history, 'Slow');
    history.onLibraryEvent(entered('Slow'));

    // Act
    history.onLibraryEvent({
      type: 'StateFailed',
      timestamp: 3000,
      state: { name: 'Slow', type: 'Task' },
      Error: 'States.Timeout',
      Cause: 'States.Timeout',
    });
    attempt.succeeded({ type: 'LambdaFunctionSucceeded' });
    history.flushAll();

    // Assess
    expect(history.list().map((event) => event.type)).toEqual([
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
    ]);
    expect(attempt.closed).toBe(true);
  });

  it('writes no exited event for a state whose failure a Catch handled', () => {
    // Prepare
    const history = new ExecutionHistory(new Clock(1));
    const attempt = beginLambdaAttempt(history, 'Check');
    attempt.failed({ type: 'LambdaFunctionFailed' });
    const failure = { timestamp: 1500, state: { name: 'Check', type: 'Task' }, Error: 'Boom', Cause: '{}' };

    // Act
    history.onLibraryEvent(entered('Check'));
    history.onLibraryEvent({ type: 'StateFailed', ...failure });
    history.onLibraryEvent({ type: 'StateCaught', ...failure });
    history.onLibraryEvent(exited('Check'));
    history.onLibraryEvent(entered('RecordFailure'));

    // Assess
    expect(history.list().map((event) => event.type)).toEqual([
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskStateEntered',
    ]);
  });

  it('adds the started and succeeded events of Parallel and Map states', () => {
    // Prepare
    const history = new ExecutionHistory(new Clock(1));

    // Act
    history.onLibraryEvent(entered('Both', 'Parallel'));
    history.onLibraryEvent(exited('Both', 'Parallel'));

    // Assess
    expect(history.list().map((event) => event.type)).toEqual([
      'ParallelStateEntered',
      'ParallelStateStarted',
      'ParallelStateSucceeded',
      'ParallelStateExited',
    ]);
  });

  it('renders details with JSON payloads and drops them without execution data', () => {
    // Prepare
    const history = new ExecutionHistory(new Clock(1));
    history.onLibraryEvent(entered('Ready', 'Pass'));
    const [event] = history.list();
    if (!event) throw new Error('no event recorded');

    // Act
    const withData = renderHistoryEvent(event, true);
    const withoutData = renderHistoryEvent(event, false);

    // Assess
    expect(withData).toEqual({
      timestamp: 1,
      type: 'PassStateEntered',
      id: 1,
      previousEventId: 0,
      stateEnteredEventDetails: { name: 'Ready', input: '{"a":1}', inputDetails: { truncated: false } },
    });
    expect(withoutData.stateEnteredEventDetails).toEqual({
      name: 'Ready',
      inputDetails: { truncated: false },
    });
  });
});

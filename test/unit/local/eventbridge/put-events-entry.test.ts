import {
  checkPutEventsEntry,
  fitsPutEventsRequest,
  MAX_DETAIL_NESTING_DEPTH,
  MAX_PUT_EVENTS_BYTES,
} from '../../../../local/services/eventbridge/put-events-entry';

/** A Detail nested `levels` objects deep: {"a":{"a":...1...}}. */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('fitsPutEventsRequest', () => {
  /**
   * Entries whose sizes add up to `total` bytes as AWS's user guide counts them: 14 for a Time,
   * then the UTF-8 bytes of Source, DetailType, Detail and each resource.
   */
  const entriesOf = (total: number) => {
    const timed = { Time: 1_767_225_600, Source: 'papi', DetailType: 'Timed', Resources: ['arn:a', 'arn:b'] };
    const timedBytes = 14 + 4 + 5 + 5 + 5;
    // 'é' is two bytes of UTF-8: the padding is counted in bytes, not characters.
    const padding = 'é'.repeat(1000);
    const wrapperBytes = Buffer.byteLength(`{"pad":"${padding}","fill":""}`);
    const fill = 'x'.repeat(total - timedBytes - 4 - 5 - wrapperBytes);
    const padded = {
      Source: 'papi',
      DetailType: 'Large',
      Detail: `{"pad":"${padding}","fill":"${fill}"}`,
      EventBusName: 'not-counted',
    };
    return [timed, padded];
  };

  it('accepts entries that add up to one byte less than the limit', () => {
    expect(fitsPutEventsRequest(entriesOf(MAX_PUT_EVENTS_BYTES - 1))).toBe(true);
  });

  it('refuses entries that add up to exactly the limit: the total must be less than it', () => {
    expect(fitsPutEventsRequest(entriesOf(MAX_PUT_EVENTS_BYTES))).toBe(false);
  });
});

describe('checkPutEventsEntry', () => {
  const entry = { Source: 'papi', DetailType: 'Deep' };

  it(`accepts a Detail nested ${MAX_DETAIL_NESTING_DEPTH} levels deep`, () => {
    // Act
    const checked = checkPutEventsEntry({ ...entry, Detail: nested(MAX_DETAIL_NESTING_DEPTH) });

    // Assess
    expect(checked).toMatchObject({ source: 'papi', detail: { a: { a: {} } } });
  });

  it.each([MAX_DETAIL_NESTING_DEPTH + 1, 100_000])(
    'fails a Detail nested %i levels deep as MalformedDetail',
    (levels) => {
      // Act
      const checked = checkPutEventsEntry({ ...entry, Detail: nested(levels) });

      // Assess
      expect(checked).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    },
  );

  it('fails an entry whose Time no date can hold as InvalidArgument', () => {
    // Act
    const checked = checkPutEventsEntry({ ...entry, Detail: '{}', Time: 1e20 });

    // Assess
    expect(checked).toEqual({ ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' });
  });
});

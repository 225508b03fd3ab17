import { jsonNestingDepth } from '../../../../local/services/eventbridge/json-nesting-depth';

describe('jsonNestingDepth', () => {
  it.each([
    ['a number', '1', 0],
    ['a string', '"a"', 0],
    ['an empty object', '{}', 1],
    ['an object in an array in an object', '{"a":[{"b":1}]}', 3],
    ['siblings, not their sum', '{"a":{"b":1},"c":{"d":2}}', 2],
  ])('counts %s as %i levels', (_what, text, expected) => {
    expect(jsonNestingDepth(text)).toBe(expected);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    // Prepare
    const text = JSON.stringify({ text: '{[{[ "quoted \\" {" ]}]}' });

    // Act
    const depth = jsonNestingDepth(text);

    // Assess
    expect(depth).toBe(1);
  });

  it('measures a text nested far deeper than the call stack can recurse', () => {
    // Prepare
    const levels = 200_000;
    const text = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

    // Act
    const depth = jsonNestingDepth(text);

    // Assess
    expect(depth).toBe(levels);
  });
});

import { applyFilters, globMatches } from '../../../../local/services/ec2/filters';

interface Thing {
  readonly id: string;
  readonly state: string;
  readonly tags: ReadonlyMap<string, string>;
}

const things: Thing[] = [
  { id: 'vpce-1', state: 'available', tags: new Map([['Name', 'papi-one']]) },
  {
    id: 'vpce-2',
    state: 'pending',
    tags: new Map([
      ['Name', 'papi-two'],
      ['Team', 'core'],
    ]),
  },
  { id: 'vpce-3', state: 'deleting', tags: new Map() },
];
const spec = { fields: { state: (thing: Thing) => thing.state }, tagsOf: (thing: Thing) => thing.tags };

describe('EC2 filters', () => {
  it('matches * and ? wildcards when filter values are globs', () => {
    // Prepare
    const patterns = ['papi-*', 'papi-?ne', 'papi-\\*'];

    // Act
    const results = patterns.map((pattern) => globMatches(pattern, 'papi-one'));

    // Assess
    expect(results).toEqual([true, true, false]);
    expect(globMatches('papi-\\*', 'papi-*')).toBe(true);
  });

  it('ORs the values of one filter and ANDs separate filters', () => {
    // Prepare
    const filters = [
      { name: 'state', values: ['available', 'pending'] },
      { name: 'tag:Name', values: ['papi-*'] },
      { name: 'tag-key', values: ['Team'] },
    ];

    // Act
    const matched = applyFilters(things, filters, spec);

    // Assess
    expect(matched.map((thing) => thing.id)).toEqual(['vpce-2']);
  });

  it('fails with InvalidParameterValue when the filter name is unknown', () => {
    // Prepare
    const filters = [{ name: 'colour', values: ['blue'] }];

    // Act
    const filter = () => applyFilters(things, filters, spec);

    // Assess
    expect(filter).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValue', message: "The filter 'colour' is invalid" }),
    );
  });
});

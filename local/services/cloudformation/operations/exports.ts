import { paginate } from '../../../core/paging';
import { fragments, leaf, text } from '../../../core/xml';
import { validationError } from '../cloudformation-errors';
import { members } from '../cloudformation-xml';
import type { CloudFormationOperation } from '../operation-context';

const invalidNextToken = () => validationError('Invalid NextToken');

export const listExports: CloudFormationOperation = (ctx) => {
  const { page, nextToken } = paginate(
    ctx.store.exports(ctx.region),
    100,
    ctx.input.string('NextToken'),
    invalidNextToken,
  );
  return fragments(
    members(
      'Exports',
      page.map((exported) =>
        fragments(
          leaf('ExportingStackId', exported.stackId),
          leaf('Name', exported.name),
          leaf('Value', exported.value),
        ),
      ),
    ),
    leaf('NextToken', nextToken),
  );
};

export const listImports: CloudFormationOperation = (ctx) => {
  const exportName = ctx.input.required('ExportName');
  const importers = ctx.store.importers(ctx.region, exportName);
  if (importers.length === 0) throw validationError(`Export '${exportName}' is not imported by any stack.`);
  const { page, nextToken } = paginate(importers, 100, ctx.input.string('NextToken'), invalidNextToken);
  return fragments(members('Imports', page.map(text)), leaf('NextToken', nextToken));
};

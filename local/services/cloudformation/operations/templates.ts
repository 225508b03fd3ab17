import { fragments, leaf, node, text, type Xml } from '../../../core/xml';
import { changeSetNotFound, stackNotFound, validationError } from '../cloudformation-errors';
import { members } from '../cloudformation-xml';
import type { CloudFormationContext, CloudFormationOperation } from '../operation-context';
import { readTemplateBody } from '../stack-submission';
import {
  checkParameterDeclarations,
  isTrue,
  parseTemplate,
  scalarText,
  type Template,
  TemplateValidationError,
} from '../template';

function parsed(body: string): Template {
  try {
    const template = parseTemplate(body);
    checkParameterDeclarations(template);
    return template;
  } catch (error: unknown) {
    if (error instanceof TemplateValidationError) throw validationError(error.message);
    throw error;
  }
}

export const getTemplate: CloudFormationOperation = (ctx) => {
  const changeSetName = ctx.input.string('ChangeSetName');
  const nameOrId = ctx.input.string('StackName');
  const stack = nameOrId === undefined ? undefined : ctx.store.find(ctx.region, nameOrId);
  if (nameOrId !== undefined && !stack) throw stackNotFound(nameOrId);
  let body: string;
  if (changeSetName !== undefined) {
    const changeSet = ctx.changeSets.find(ctx.region, changeSetName, stack);
    if (!changeSet) throw changeSetNotFound(changeSetName);
    body = changeSet.deployment.templateBody;
  } else if (stack) {
    body = stack.templateBody;
  } else {
    throw validationError('Either StackName or ChangeSetName must be specified.');
  }
  return fragments(
    leaf('TemplateBody', body),
    members('StagesAvailable', [text('Original'), text('Processed')]),
  );
};

/** A template's parameter declarations as ValidateTemplate (TemplateParameter) and GetTemplateSummary (ParameterDeclaration) list them. */
function declaredParameters(template: Template, asDeclarations: boolean): Xml {
  return members(
    'Parameters',
    Object.entries(template.Parameters).map(([key, declaration]) =>
      fragments(
        leaf('ParameterKey', key),
        leaf('DefaultValue', scalarText(declaration.Default)),
        asDeclarations ? leaf('ParameterType', declaration.Type) : fragments(),
        leaf('NoEcho', isTrue(declaration.NoEcho)),
        leaf('Description', declaration.Description),
        !asDeclarations || declaration.AllowedValues === undefined
          ? fragments()
          : node(
              'ParameterConstraints',
              members(
                'AllowedValues',
                declaration.AllowedValues.map((value) => text(scalarText(value) ?? '')),
              ),
            ),
      ),
    ),
  );
}

export const validateTemplate: CloudFormationOperation = async (ctx) => {
  const template = parsed(await readTemplateBody(ctx));
  return fragments(
    declaredParameters(template, false),
    leaf('Description', template.Description),
    members('DeclaredTransforms', []),
  );
};

/** The template summary of a template given, or of a stack's (what `aws cloudformation deploy` reads on an update). */
export const getTemplateSummary: CloudFormationOperation = async (ctx: CloudFormationContext) => {
  const nameOrId = ctx.input.string('StackName');
  let template: Template;
  if (nameOrId !== undefined) {
    const stack = ctx.store.find(ctx.region, nameOrId);
    if (!stack) throw stackNotFound(nameOrId);
    template = stack.template;
  } else {
    template = parsed(await readTemplateBody(ctx));
  }
  return fragments(
    declaredParameters(template, true),
    leaf('Description', template.Description),
    members(
      'ResourceTypes',
      [...new Set(Object.values(template.Resources).map((resource) => resource.Type))].map(text),
    ),
    leaf('Version', template.AWSTemplateFormatVersion),
    leaf('Metadata', template.Metadata === undefined ? undefined : JSON.stringify(template.Metadata)),
    members('DeclaredTransforms', []),
  );
};

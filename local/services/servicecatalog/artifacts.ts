import { isAwsError } from '../../core/aws-error';
import { type JsonObject, optionalBoolean, optionalString } from '../../core/aws-json-protocol';
import { readTemplateUrl } from '../cloudformation';
import {
  checkParameterDeclarations,
  isTrue,
  parseTemplate,
  scalarText,
  type Template,
  TemplateValidationError,
} from '../cloudformation/template';
import { invalidParameters } from './errors';
import { catalogId } from './ids';
import { optionalEnum } from './input';
import type { ServiceCatalogContext } from './operation-context';
import type { ArtifactRecord } from './records';

const ARTIFACT_TYPES = [
  'CLOUD_FORMATION_TEMPLATE',
  'MARKETPLACE_AMI',
  'MARKETPLACE_CAR',
  'TERRAFORM_OPEN_SOURCE',
  'TERRAFORM_CLOUD',
  'EXTERNAL',
] as const;

/**
 * A new version from ProvisioningArtifactProperties: its template read from `Info.LoadTemplateFromURL`
 * (an object of the local S3) and checked as ValidateTemplate checks it, unless
 * DisableTemplateValidation. Only CLOUD_FORMATION_TEMPLATE versions are emulated.
 */
export function newArtifact(ctx: ServiceCatalogContext, properties: JsonObject): ArtifactRecord {
  const name = optionalString(properties, 'Name', { max: 8192 });
  const description = optionalString(properties, 'Description', { max: 8192 });
  const type = optionalEnum(properties, 'Type', ARTIFACT_TYPES) ?? 'CLOUD_FORMATION_TEMPLATE';
  if (type !== 'CLOUD_FORMATION_TEMPLATE') {
    throw invalidParameters(
      `Provisioning artifact type ${type} is not emulated by the local Service Catalog.`,
    );
  }
  const info = properties.Info;
  const url =
    typeof info === 'object' && info !== null && !Array.isArray(info)
      ? (info as JsonObject).LoadTemplateFromURL
      : undefined;
  if (typeof url !== 'string' || url === '') {
    throw invalidParameters('Info must hold LoadTemplateFromURL: the URL of the template in S3.');
  }
  let templateBody: string;
  try {
    templateBody = readTemplateUrl(ctx.readObject, url);
  } catch (error: unknown) {
    if (isAwsError(error)) throw invalidParameters(`Unable to read the template at ${url}: ${error.message}`);
    throw error;
  }
  if (optionalBoolean(properties, 'DisableTemplateValidation') !== true) parsedTemplate(templateBody);
  return {
    id: catalogId('pa'),
    name,
    description,
    type,
    createdAt: ctx.clock.now(),
    active: true,
    guidance: 'DEFAULT',
    templateUrl: url,
    templateBody,
  };
}

/** The template of a version, parsed; a template CloudFormation would refuse is InvalidParametersException. */
export function parsedTemplate(templateBody: string): Template {
  try {
    const template = parseTemplate(templateBody);
    checkParameterDeclarations(template);
    return template;
  } catch (error: unknown) {
    if (error instanceof TemplateValidationError) {
      throw invalidParameters(`The template is not valid: ${error.message}`);
    }
    throw error;
  }
}

/** ProvisioningArtifactParameter: the template's parameters, in its order, as a launch page shows them. */
export function artifactParameters(artifact: ArtifactRecord) {
  const template = parsedTemplate(artifact.templateBody);
  return Object.entries(template.Parameters).map(([key, declaration]) => ({
    ParameterKey: key,
    DefaultValue: scalarText(declaration.Default),
    ParameterType: declaration.Type,
    IsNoEcho: isTrue(declaration.NoEcho),
    Description: declaration.Description,
    ParameterConstraints: {
      AllowedValues: (declaration.AllowedValues ?? []).map((value) => scalarText(value) ?? ''),
      AllowedPattern: declaration.AllowedPattern,
      ConstraintDescription: declaration.ConstraintDescription,
      MaxLength: scalarText(declaration.MaxLength),
      MinLength: scalarText(declaration.MinLength),
      MaxValue: scalarText(declaration.MaxValue),
      MinValue: scalarText(declaration.MinValue),
    },
  }));
}

/** ProvisioningArtifactOutput: the template's outputs (key and description). */
export function artifactOutputs(artifact: ArtifactRecord) {
  const template = parsedTemplate(artifact.templateBody);
  return Object.entries(template.Outputs).map(([key, output]) => ({
    Key: key,
    Description: output.Description,
  }));
}

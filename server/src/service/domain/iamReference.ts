/**
 * AWS's Service Authorization Reference (the actions of every service), as the checks, completion
 * and hover read it. The data comes from the host (`IamDataSource`): the service reads no files.
 * A service's actions are asked for once and kept; `prefetch` lets the host load the services a
 * policy names before a completion or hover needs them (docs/decisions/0005-iam-reference-data.md).
 */

export interface IamAction {
  /** As AWS spells it (`CreateFlowDefinition`). */
  name: string;
  description: string;
  /** `Read`, `List`, `Write`, or a combination such as `Tagging, Write`. */
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

/** What the host supplies: synchronous reads of the reference data, each asked for at most once. */
export interface IamDataSource {
  /** Every service prefix (`s3`, `sagemaker`...), lower case. */
  servicePrefixes(): readonly string[];
  /** The service's full name (`Amazon SageMaker`). */
  serviceName(prefix: string): string | undefined;
  /** The service's actions keyed by lower-case name; undefined when there is no such service. */
  serviceActions(prefix: string): Readonly<Record<string, IamAction>> | undefined;
}

export class IamReference {
  private prefixes?: ReadonlySet<string>;
  private readonly actions = new Map<string, ReadonlyMap<string, IamAction> | undefined>();

  constructor(private readonly source: IamDataSource) {}

  servicePrefixes(): ReadonlySet<string> {
    return (this.prefixes ??= new Set(this.source.servicePrefixes()));
  }

  /** Service prefixes are case-insensitive, as IAM reads them. */
  hasService(prefix: string): boolean {
    return this.servicePrefixes().has(prefix.toLowerCase());
  }

  serviceName(prefix: string): string | undefined {
    return this.hasService(prefix) ? this.source.serviceName(prefix.toLowerCase()) : undefined;
  }

  /** The actions of a service by lower-case name, read on first use; undefined for an unknown service. */
  actionsOf(prefix: string): ReadonlyMap<string, IamAction> | undefined {
    const key = prefix.toLowerCase();
    if (!this.hasService(key)) return undefined;
    if (!this.actions.has(key)) {
      const data = this.source.serviceActions(key);
      this.actions.set(key, data && new Map(Object.entries(data)));
    }
    return this.actions.get(key);
  }

  action(prefix: string, name: string): IamAction | undefined {
    return this.actionsOf(prefix)?.get(name.toLowerCase());
  }

  /** Loads the services of these `service:action` names now, so later requests find them in memory. */
  prefetch(actionNames: Iterable<string>): void {
    for (const name of actionNames) {
      const colon = name.indexOf(':');
      if (colon > 0) this.actionsOf(name.slice(0, colon));
    }
  }
}

/** The form of `generated/sagemakerShapes.ts`, written by `scripts/gen-sagemaker-shapes.mjs`. */

/** `json` is a string that holds a serialised JSON document (`HumanLoopActivationConditions`). */
export type GeneratedSimple = 'string' | 'json' | 'number' | 'boolean' | 'timestamp' | 'document' | 'blob';

export type GeneratedType = GeneratedSimple | { structure: string } | { list: GeneratedType } | { map: GeneratedType };

export interface GeneratedStructure {
  members: Record<string, GeneratedType>;
  /** Members the API requires. */
  required: string[];
}

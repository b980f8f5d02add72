/**
 * The Restricted Mode suite's entry point: the same runner as `suite/`, over the `*.test.js`
 * beside this file. The driver runs it in a session of its own (`restrictedSession.ts`): Workspace
 * Trust on, a copy of `examples/` that is not trusted, whose `.vscode/settings.json` asks for
 * everything the restricted settings can widen, with the AWS endpoint pointing at an emulator the
 * driver started.
 */
import { runSuite } from '../suite/index';

/** The emulator's URL, which the workspace's settings name as `gtTemplates.preview.aws.endpoint`. */
export const EMULATOR_URL_VARIABLE = 'GT_E2E_EMULATOR_URL';

export function run(): Promise<void> {
  return runSuite(__dirname);
}

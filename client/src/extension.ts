/**
 * The extension's entry point: starts the language server and the template preview. Everything
 * that understands templates or policies lives in the server; the preview renders in the
 * extension host with the same pure modules.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { ALIVE_REQUEST, CLIENT_WATCHDOG, SERVER_ENVIRONMENT, SERVER_NODE_FLAGS, type ServerProcessInfo, WATCHDOG_MS } from '../../server/src/api';
import { PreviewApi, registerPreview } from './preview/panel';
import { type Watch, watchServer } from './watchdog';

let client: LanguageClient | undefined;

export interface ExtensionApi {
  /** Resolves once the language server has started (used by the tests to wait for the event, not a delay). */
  ready: Promise<void>;
  client: () => LanguageClient | undefined;
  /** The template preview: its last HTML and renders, for the extension-host tests. */
  preview: PreviewApi;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // The client adds its own environment to SERVER_ENVIRONMENT.
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...SERVER_ENVIRONMENT } } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'], env: { ...SERVER_ENVIRONMENT } },
    },
  };
  const clientOptions: LanguageClientOptions = {
    // CloudFormation's own extension, `.template`, has no language of its own in VS Code.
    documentSelector: [
      { language: 'html' },
      { language: 'gt-liquid' },
      { language: 'json' },
      { language: 'jsonc' },
      { language: 'yaml' },
      { scheme: 'file', pattern: '**/*.template' },
    ],
    // Sample inputs, and the templates, JSON files and CloudFormation templates the cross-file checks compare, change on disk too.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{json,html,htm,liquid,yaml,yml,template}') },
    initializationOptions: {
      docsBaseUri: vscode.Uri.joinPath(context.extensionUri, 'docs', 'checks').toString(),
      // VS Code's HTML support, fed by our custom data, already completes and explains elements there.
      hostHtmlLanguages: ['html'],
      watchdog: CLIENT_WATCHDOG,
    },
  };
  client = new LanguageClient('gtTemplates', 'SageMaker Worker Templates', serverOptions, clientOptions);
  const watched = client;
  let watch: Watch | undefined;
  // Each server the client starts (a restart included) is watched from when it runs until it stops.
  context.subscriptions.push(
    watched.onDidChangeState(({ newState }) => {
      watch?.dispose();
      watch = undefined;
      const processId = (watched.initializeResult?.gtTemplates as ServerProcessInfo | undefined)?.processId;
      if (newState !== State.Running || processId === undefined) return;
      watch = watchServer({
        ping: () => watched.sendRequest(ALIVE_REQUEST),
        kill: () => {
          watched.warn(`The language server has not answered for ${WATCHDOG_MS / 1000} s; ending it so that a fresh one starts.`, undefined, false);
          try {
            process.kill(processId, 'SIGKILL');
          } catch {
            // It ended meanwhile.
          }
        },
        budgetMs: WATCHDOG_MS,
        everyMs: WATCHDOG_MS / 5,
      });
    }),
    { dispose: () => watch?.dispose() },
  );
  const ready = client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const preview = registerPreview(context);
  return { ready, client: () => client, preview };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

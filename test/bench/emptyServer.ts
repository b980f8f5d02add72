/**
 * The benchmark's baseline: a vscode-languageserver that keeps documents in sync (incremental)
 * and parses nothing. Every figure of the real server is printed as a ratio to this one,
 * measured in the same run, so the machine's speed cancels out.
 */
import { ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, completionProvider: { triggerCharacters: ['|'] }, hoverProvider: true },
}));
documents.onDidChangeContent(({ document }) => {
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
});
connection.onCompletion(() => ({ isIncomplete: false, items: [] }));
connection.onHover(() => null);

documents.listen(connection);
connection.listen();

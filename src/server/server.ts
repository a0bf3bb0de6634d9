/**
 * The reference-checking language server: its own Node process, started by the client
 * in src/language (or by any LSP client, or the tests, with --stdio). It never shows UI
 * and never talks to the engine: engine data comes from the client through
 * `stowage/engineImages`, and only when the workspace is trusted.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  EngineChangedNotification,
  EngineImagesRequest,
  REFERENCES_SECTION,
  type EngineImagesResult,
  type ServerInitializationOptions,
} from '../shared/protocol';
import { DEFAULT_SETTINGS, toReferenceSettings, type ReferenceSettings } from './check/ReferenceSettings';
import { completionItems, completionSlot } from './features/completionItems';
import { EngineIndex } from './features/EngineIndex';
import { hoverText } from './features/hoverText';
import { quickFixes } from './features/quickFixes';
import { ReferenceValidator } from './ReferenceValidator';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const validator = new ReferenceValidator();

let trusted = false;
let debounceMs = 150;
let canAskConfiguration = false;
let disabledSupport = false;
/** Settings pushed with didChangeConfiguration, for clients that cannot be asked. */
let pushedSettings: ReferenceSettings = DEFAULT_SETTINGS;
/** Per document, dropped on didChangeConfiguration and on close. */
const settingsCache = new Map<string, Promise<ReferenceSettings>>();
const timers = new Map<string, NodeJS.Timeout>();
const justOpened = new Set<string>();

/** An unavailable engine is asked again after this long, in case it has started since. */
const UNAVAILABLE_RETRY_MS = 30_000;
let engineData: { index: Promise<EngineIndex | undefined>; at: number; available?: boolean } | undefined;

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as Partial<ServerInitializationOptions>;
  trusted = options.trusted === true;
  if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
  canAskConfiguration = params.capabilities.workspace?.configuration === true;
  disabledSupport = params.capabilities.textDocument?.codeAction?.disabledSupport === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      completionProvider: { triggerCharacters: [':', '=', ' '] },
    },
    serverInfo: { name: 'stowage-references' },
  };
});

function settingsFor(uri: string): Promise<ReferenceSettings> {
  if (!canAskConfiguration) return Promise.resolve(pushedSettings);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: REFERENCES_SECTION }).then(toReferenceSettings, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, s);
  }
  return s;
}

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  const pushed = (change.settings as { stowage?: { references?: unknown } } | null)?.stowage?.references;
  if (pushed !== undefined) pushedSettings = toReferenceSettings(pushed);
  for (const doc of documents.all()) void validate(doc.uri);
});

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc || !validator.kindOf(doc)) return;
  const version = doc.version;
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  // A newer version has its own validation coming; a closed document has none.
  if (!current || current.version !== version) return;
  let diagnostics: Diagnostic[];
  try {
    diagnostics = validator.validate(current, settings);
  } catch (err) {
    // One document the checker cannot handle gets no diagnostics (none would be right), never a dead server.
    logFailure(uri, err);
    diagnostics = [];
  }
  connection.sendDiagnostics({ uri, version, diagnostics });
}

function logFailure(uri: string, err: unknown): void {
  connection.console.error(`checking ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}

/** The document's analysis, or undefined when it is not a checked kind or the checker failed on it (logged). */
function analysisOf(doc: TextDocument | undefined) {
  if (!doc) return undefined;
  try {
    return validator.analyze(doc);
  } catch (err) {
    logFailure(doc.uri, err);
    return undefined;
  }
}

function schedule(uri: string): void {
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, debounceMs),
  );
}

documents.onDidOpen((e) => justOpened.add(e.document.uri));
documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  // Opening shows diagnostics at once; typing waits for a pause.
  if (justOpened.delete(uri)) void validate(uri);
  else schedule(uri);
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  justOpened.delete(uri);
  settingsCache.delete(uri);
  validator.forget(uri);
  connection.sendDiagnostics({ uri, diagnostics: [] });
});

/** The engine's images, asked once and cached until `stowage/engineChanged`; never when untrusted. */
function engineIndex(): Promise<EngineIndex | undefined> {
  if (!trusted) return Promise.resolve(undefined);
  if (engineData && (engineData.available !== false || Date.now() - engineData.at < UNAVAILABLE_RETRY_MS)) return engineData.index;
  const entry: NonNullable<typeof engineData> = { at: Date.now(), index: Promise.resolve(undefined) };
  entry.index = connection.sendRequest(EngineImagesRequest).then(
    (result: EngineImagesResult) => {
      entry.available = result?.available === true;
      if (!entry.available) connection.console.log(`engine unavailable: ${result?.reason ?? 'no reason given'}`);
      return entry.available ? new EngineIndex(result) : undefined;
    },
    (err: unknown) => {
      entry.available = false;
      connection.console.log(`stowage/engineImages failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    },
  );
  engineData = entry;
  return entry.index;
}

connection.onNotification(EngineChangedNotification, () => {
  engineData = undefined;
});

function siteAt(uri: string, offset: number) {
  const doc = documents.get(uri);
  const analysis = analysisOf(doc);
  if (!doc || !analysis) return undefined;
  const index = analysis.sites.findIndex(({ site }) => offset >= site.start && offset <= site.end && site.role !== 'empty');
  return index < 0 ? undefined : { doc, analysis, index, analyzed: analysis.sites[index] };
}

connection.onHover(async ({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return null;
  const hit = siteAt(textDocument.uri, doc.offsetAt(position));
  if (!hit) return null;
  const engine = hit.analyzed.parsed?.valid ? await engineIndex() : undefined;
  const value = hoverText(hit.analysis, hit.analyzed, engine, (o) => doc.positionAt(o).line);
  if (!value) return null;
  const { site } = hit.analyzed;
  return { contents: { kind: 'markdown', value }, range: { start: doc.positionAt(site.start), end: doc.positionAt(site.end) } };
});

connection.onCodeAction(async ({ textDocument, range, context }) => {
  const doc = documents.get(textDocument.uri);
  const analysis = analysisOf(doc);
  if (!doc || !analysis) return [];
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const hits = analysis.sites.filter(({ site }) => site.role === 'image' && site.start <= to && site.end >= from);
  if (!hits.length) return [];
  const engine = await engineIndex();
  const toRange = (s: number, e: number) => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  const actions: CodeAction[] = [];
  for (const analyzed of hits) {
    const { site } = analyzed;
    const diagnostics = context.diagnostics.filter((d: Diagnostic) => doc.offsetAt(d.range.start) >= site.start && doc.offsetAt(d.range.end) <= site.end);
    actions.push(...quickFixes({ uri: doc.uri, analyzed, diagnostics, engine, toRange, disabledSupport }));
  }
  return actions;
});

connection.onCompletion(async ({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const analysis = analysisOf(doc);
  if (!doc || !analysis) return [];
  const slot = completionSlot(analysis, doc.getText(), doc.offsetAt(position));
  if (!slot) return [];
  const engine = await engineIndex();
  return completionItems(analysis, slot, engine, (s, e) => ({ start: doc.positionAt(s), end: doc.positionAt(e) }));
});

documents.listen(connection);
connection.listen();

import * as vscode from 'vscode';

/**
 * A file system of engine-held files that are opened, never listed or written: each
 * URI names one file, with its size in the query (so VS Code can decide how to open
 * a binary or very large file before reading it). Subclasses only say how its bytes
 * are read; an engine failure reaches the editor in the engine's words.
 */
export abstract class ReadOnlyFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  /** The file's bytes; undefined when the URI does not name a file of this scheme. */
  protected abstract read(uri: vscode.Uri, query: URLSearchParams): Promise<Uint8Array> | undefined;

  stat(uri: vscode.Uri): vscode.FileStat {
    const size = Number(new URLSearchParams(uri.query).get('size') ?? 0);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    try {
      // Inside the try: reaching the engine (loading its module, resolving it) can fail too.
      const reading = this.read(uri, new URLSearchParams(uri.query));
      if (reading) return await reading;
    } catch (err) {
      throw vscode.FileSystemError.Unavailable((err as Error).message);
    }
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

import type * as vscode from 'vscode';
import type { EngineSession } from '../session/EngineSession';
import type { TreeNode } from '../views/TreeNode';
import type { ContainersTreeProvider } from '../views/containers/ContainersTreeProvider';
import type { EngineTreeProvider } from '../views/engine/EngineTreeProvider';
import type { EnginesTreeProvider } from '../views/engines/EnginesTreeProvider';
import type { ComparisonTreeProvider } from '../views/comparison/ComparisonTreeProvider';
import type { ImagesTreeProvider } from '../views/images/ImagesTreeProvider';
import type { InspectDocuments } from '../views/InspectDocuments';
import type { RemoteDocuments } from '../views/RemoteDocuments';
import type { RegistriesTreeProvider } from '../views/registries/RegistriesTreeProvider';

/** Everything a command may need, built once in activate(). */
export interface StowageContext {
  readonly extension: vscode.ExtensionContext;
  readonly session: EngineSession;
  readonly log: vscode.LogOutputChannel;
  readonly images: ImagesTreeProvider;
  readonly containers: ContainersTreeProvider;
  readonly engineInfo: EngineTreeProvider;
  readonly imagesView: vscode.TreeView<TreeNode>;
  readonly containersView: vscode.TreeView<TreeNode>;
  readonly inspect: InspectDocuments;
  readonly registries: RegistriesTreeProvider;
  readonly remoteDocuments: RemoteDocuments;
  readonly engines: EnginesTreeProvider;
  readonly comparison: ComparisonTreeProvider;
}

import * as vscode from 'vscode';
import type { StowageContext } from '../StowageContext';
import { askRegistryAddress } from './askRegistryAddress';

/**
 * Adds a registry to the Registries view without logging in (browsed anonymously,
 * or with a login stored later), kept on this machine. The address is checked
 * before anything is stored or asked of the network.
 */
export async function addRegistry(ctx: StowageContext, address?: unknown): Promise<void> {
  const domain = await askRegistryAddress(address, {
    title: 'Add a registry',
    prompt: 'Registry host[:port], browsed anonymously unless you log in to it',
    placeHolder: 'e.g. registry.example.com or 127.0.0.1:5000',
  });
  if (!(await ctx.registries.added.addRegistry(domain))) {
    void vscode.window.showInformationMessage(`${domain} is in the Registries view already.`);
  }
  ctx.registries.refresh();
}

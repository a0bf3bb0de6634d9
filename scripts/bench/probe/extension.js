// Bench-only probe, installed beside Stowage in a throwaway code-server. It times
// Stowage's activation (load of dist/extension.js + activate()), checks that the
// engine client was not loaded by it, then opens the Stowage views, lets them load,
// and counts Engine API requests over an idle window. Results go to a JSON file
// named by the workspace's .stowage-bench.json, which the benchmark waits for.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

exports.activate = async function () {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) return;
  const cfgPath = path.join(folder.uri.fsPath, '.stowage-bench.json');
  if (!fs.existsSync(cfgPath)) return;
  const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
  const out = {};
  try {
    // The reference first: an extension that does nothing costs VS Code this much to activate.
    const nullExt = vscode.extensions.getExtension('stowage.stowage-bench-null');
    const n0 = performance.now();
    await nullExt.activate();
    out.nullActivateMs = performance.now() - n0;
    const ext = vscode.extensions.getExtension('stowage.stowage');
    out.wasActiveBefore = ext.isActive;
    const t0 = performance.now();
    const api = await ext.activate();
    out.activateMs = performance.now() - t0;
    out.activateBodyMs = api.activationMs();
    out.engineLoadedByActivation = api.engineLoaded();
    out.engineBundleInRequireCache = Object.keys(require.cache).some((k) => k.endsWith(path.join('dist', 'engine.js')) && k.includes('stowage'));
    await vscode.commands.executeCommand('workbench.view.extension.stowage');
    // Wait until the views have loaded and nothing more is asked of the engine for 3 s.
    let last = -1;
    let stableSince = Date.now();
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      const n = api.engineRequests();
      if (n !== last) { last = n; stableSince = Date.now(); }
      if (n > 0 && Date.now() - stableSince > 3000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    out.requestsToLoadViews = api.engineRequests();
    const before = api.engineRequests();
    await new Promise((r) => setTimeout(r, cfg.idleSeconds * 1000));
    out.idleSeconds = cfg.idleSeconds;
    out.idleRequests = api.engineRequests() - before;
  } catch (err) {
    out.error = String(err && err.stack || err);
  }
  fs.writeFileSync(cfg.resultPath, JSON.stringify(out));
};

// A test-only extension, installed beside Stowage by the e2e harness. It reports what a
// browser cannot see: Stowage's exported API, and the result of the desktop suite
// (test/electron/suite) run against the real extension in this very extension host.
// It does nothing unless the harness names a report file.
'use strict';
const fs = require('fs');
const vscode = require('vscode');

exports.activate = async function activate() {
  const out = process.env.STOWAGE_E2E_PROBE_OUT;
  if (!out) return;
  const report = { stowage: {}, suite: [] };
  try {
    const ext = vscode.extensions.getExtension('stowage.stowage');
    const api = ext ? await ext.activate() : undefined;
    report.stowage = { found: !!ext, active: !!ext && ext.isActive, exports: api ? Object.keys(api).sort() : [] };
    const suitePath = process.env.STOWAGE_E2E_PROBE_SUITE;
    if (suitePath) {
      const suite = require(suitePath);
      const cases = suite.stowageSuite || suite.suite;
      for (const c of cases) {
        const started = Date.now();
        try {
          await c.run();
          report.suite.push({ name: c.name, ok: true, ms: Date.now() - started });
        } catch (err) {
          report.suite.push({ name: c.name, ok: false, ms: Date.now() - started, error: String((err && err.message) || err) });
        }
      }
    }
  } catch (err) {
    report.error = String((err && err.stack) || err);
  }
  // Written whole under another name and renamed, so the test never reads half a report.
  fs.writeFileSync(out + '.tmp', JSON.stringify(report, null, 2));
  fs.renameSync(out + '.tmp', out);
};

exports.deactivate = function deactivate() {};

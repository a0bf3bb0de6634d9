import { testEngine } from '../../support/testEngine';
import { buildKnownImage } from './layersKit';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { stackLayers } from '../../../src/model/layers/stackLayers';
(async () => {
  const engine = testEngine();
  await buildKnownImage(engine, 'stowage-test/layers-smoke:1');
  const img = await readImageExport(engine, 'stowage-test/layers-smoke:1');
  for (const l of img.layers) console.log(l.diffId, l.command, l.index.entries.length > 50 ? l.index.entries.length : JSON.stringify(l.index.entries));
  console.log(JSON.stringify(stackLayers(img.layers.map((l) => l.index)), null, 1));
})();

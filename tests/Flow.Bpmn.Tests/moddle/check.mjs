// node check.mjs FILE... : loads each BPMN file with bpmn-moddle, as bpmn-js does on import, and
// lints it with bpmnlint:recommended (a fresh linter per file, as the bpmnlint CLI does: some
// rules keep state across the elements they see). Prints one JSON line per file: the root
// element's type, every import warning, and every lint report as "rule(elementId)".
// Exits 1 when a file failed to parse.
import { readFile } from 'node:fs/promises';
import BpmnModdle from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const moddle = new BpmnModdle();
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const { rootElement, warnings } = await moddle.fromXML(await readFile(file, 'utf8'));
    const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
    const reports = await linter.lint(rootElement);
    const lint = Object.entries(reports).flatMap(([rule, found]) => found.map(r => `${rule}(${r.id})`));
    console.log(JSON.stringify({ file, root: rootElement.$type, warnings: warnings.map(w => w.message), lint }));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ file, error: String(error && error.message || error) }));
  }
}
process.exit(failed ? 1 : 0);

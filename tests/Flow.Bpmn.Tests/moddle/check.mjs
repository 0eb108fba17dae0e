// node check.mjs FILE... : loads each BPMN file with bpmn-moddle, as bpmn-js does on import, and
// prints one JSON line per file with the root element's type and every import warning.
// Exits 1 when a file failed to parse or had warnings.
import { readFile } from 'node:fs/promises';
import BpmnModdle from 'bpmn-moddle';

const moddle = new BpmnModdle();
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const { rootElement, warnings } = await moddle.fromXML(await readFile(file, 'utf8'));
    const messages = warnings.map(w => w.message);
    failed ||= messages.length > 0;
    console.log(JSON.stringify({ file, root: rootElement.$type, warnings: messages }));
  } catch (error) {
    failed = true;
    console.log(JSON.stringify({ file, error: String(error && error.message || error) }));
  }
}
process.exit(failed ? 1 : 0);

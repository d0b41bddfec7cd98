// Node's WASI as a peer of the hosts in `make bench`: `node scripts/node-wasi.mjs MODULE.wasm`
// runs a WASI command (its `_start`); `node scripts/node-wasi.mjs MODULE.wasm ENTRY ARGS...` calls
// the export ENTRY with integer ARGS and prints what it returns, as the hosts do.
import { readFile } from 'node:fs/promises';
import { argv, exit } from 'node:process';
import { WASI } from 'node:wasi';

const [path, entry, ...args] = argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [path] });
const module = await WebAssembly.compile(await readFile(path));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
if (entry === undefined) {
  exit(wasi.start(instance));
}
// Node's WASI serves a command only once started: started with a `_start` that does nothing, it
// gives the export its memory without running the command.
wasi.start({ exports: { memory: instance.exports.memory, _start() {} } });
console.log(`${entry} returned ${instance.exports[entry](...args.map(Number))}`);

// Compiles contracts/*.sol with the pinned solc-js and writes, for every
// contract with bytecode defined there, OUTDIR/<Name>.abi (the JSON ABI) and
// OUTDIR/<Name>.bin (the creation bytecode in hex), and the ABI alone of the
// OpenZeppelin interfaces in INTERFACES, to read any conforming token or
// wallet with. OUTDIR defaults to
// contracts/build; stale .abi/.bin files in it are removed. The output depends
// only on the sources and the pinned versions (no metadata hash), so
// contracts/stale_test.go can rebuild and compare byte for byte.
//
// Usage: node contracts/build.mjs [OUTDIR]
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Pinned here and in package.json; change both, then run make gen.
const SOLC_VERSION = "0.8.37";
const OZ_VERSION = "5.7.0";
const OZ_PREFIX = "@openzeppelin/contracts/";

// Standard interfaces whose ABI (no bytecode) is written too, by source file.
const INTERFACES = {
  IERC20: "token/ERC20/IERC20.sol",
  IERC721: "token/ERC721/IERC721.sol",
  IERC1155: "token/ERC1155/IERC1155.sol",
  IERC1271: "interfaces/IERC1271.sol",
};

// Fixed compiler settings: changing any of them changes every artifact.
const SETTINGS = {
  // Cancun (PUSH0, MCOPY, transient storage) runs on the simulated backend and
  // on every chain a creator is likely to deploy to.
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 200 },
  // No IPFS/Swarm hash of the metadata in the bytecode: comments and paths
  // then do not change it. The CBOR trailer keeps only the solc version.
  metadata: { bytecodeHash: "none" },
};

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const outDir = path.resolve(process.argv[2] ?? path.join(here, "build"));
const require = createRequire(path.join(root, "package.json"));

function die(msg) {
  console.error(`build.mjs: ${msg}`);
  process.exit(1);
}

// Returns the installed package's directory after checking its version.
function pkgDir(name, want) {
  let file;
  try {
    file = require.resolve(`${name}/package.json`);
  } catch {
    die(`${name} not found in ${path.join(root, "node_modules")}: run make deps`);
  }
  const got = JSON.parse(fs.readFileSync(file, "utf8")).version;
  if (got !== want) die(`${name} ${got} installed, want ${want}: run make deps`);
  return path.dirname(file);
}

const solc = require(pkgDir("solc", SOLC_VERSION));
const ozDir = pkgDir("@openzeppelin/contracts", OZ_VERSION);

// Source unit names are file names relative to contracts/, sorted.
const files = fs.readdirSync(here).filter((f) => f.endsWith(".sol")).sort();
if (files.length === 0) die(`no .sol files in ${here}`);
const sources = {};
const outputSelection = {};
for (const f of files) {
  sources[f] = { content: fs.readFileSync(path.join(here, f), "utf8") };
  outputSelection[f] = { "*": ["abi", "evm.bytecode.object"] };
}
for (const [name, file] of Object.entries(INTERFACES)) {
  const unit = OZ_PREFIX + file;
  const found = findImports(unit);
  if (found.error) die(found.error);
  sources[unit] = { content: found.contents };
  outputSelection[unit] = { [name]: ["abi"] };
}

// Resolves every import that is not one of our files; only OpenZeppelin.
function findImports(name) {
  if (!name.startsWith(OZ_PREFIX) || name.includes("..")) {
    return { error: `import ${name}: only ${OZ_PREFIX}… and contracts/*.sol may be imported` };
  }
  try {
    return { contents: fs.readFileSync(path.join(ozDir, name.slice(OZ_PREFIX.length)), "utf8") };
  } catch (e) {
    return { error: `import ${name}: ${e.message}` };
  }
}

const input = { language: "Solidity", sources, settings: { ...SETTINGS, outputSelection } };
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

// Errors fail the build, and so do warnings about our own files.
let failed = false;
for (const e of output.errors ?? []) {
  const ours = e.sourceLocation && files.includes(e.sourceLocation.file);
  if (e.severity === "error" || (e.severity === "warning" && ours)) failed = true;
  console.error(e.formattedMessage ?? e.message);
}
if (failed) die("compilation failed");

const written = new Set();
function write(name, ext, data) {
  if (written.has(`${name}${ext}`)) die(`contract ${name} is defined twice`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `${name}${ext}`), data);
  written.add(`${name}${ext}`);
}
for (const f of files) {
  for (const [name, c] of Object.entries(output.contracts?.[f] ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const bin = c.evm?.bytecode?.object ?? "";
    if (bin === "") continue; // interface or abstract contract
    write(name, ".abi", JSON.stringify(c.abi, null, 2) + "\n");
    write(name, ".bin", bin + "\n");
  }
}
for (const [name, file] of Object.entries(INTERFACES)) {
  const abi = output.contracts?.[OZ_PREFIX + file]?.[name]?.abi;
  if (!abi) die(`no ABI for ${name} in ${OZ_PREFIX + file}`);
  write(name, ".abi", JSON.stringify(abi, null, 2) + "\n");
}
for (const f of fs.readdirSync(outDir)) {
  if ((f.endsWith(".abi") || f.endsWith(".bin")) && !written.has(f)) fs.rmSync(path.join(outDir, f));
}
console.log(`build.mjs: solc ${solc.version()}: wrote ${written.size} files to ${path.relative(process.cwd(), outDir) || "."}`);

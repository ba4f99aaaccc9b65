/**
 * argmap command line: `npm run -s argmap -- <command>`.
 * Results go to stdout, progress and errors to stderr; exit 1 on rejected input, 2 on usage errors.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { EXPORT_FORMATS, ExportQuery, MapId, SemanticsName } from "../../contract/schemas.js";
import { mapContents, mapText } from "../db/queries.js";
import { renderExport } from "../interchange/export.js";
import { importMap } from "../interchange/import.js";
import { coverageReport, findingsCsv } from "../../contract/coverage.js";
import { parseFrameworkFile } from "../argumentation/formats.js";
import { CLI_BUDGET, Evaluator } from "../argumentation/budget.js";
import { loadConfig } from "../config.js";
import { connect } from "../db/connect.js";
import { loadMap, mapCounts } from "../db/maps.js";
import { ArgmapError, NotFoundError, ValidationError } from "../errors.js";
import { displayPath, readTextFile, sourceBeside } from "../import/read-seed-file.js";
import { DocumentQuery } from "../../contract/schemas.js";
import { INLINE_READER } from "../intake/intake.js";
import { prepareDocumentMap, writeDocumentMap } from "../intake/new-map.js";
import { documentCoverage } from "../intake/coverage.js";
import { readDocument } from "../db/documents.js";
import { Role, UserName } from "../../contract/workbench.js";
import { People, serverSecret } from "../people/people.js";

const USAGE = `usage: argmap <command>
  load FILE [--force]                                   import a map file into Neo4j (skipped when unchanged unless --force):
                                                        seed .yaml, argmap/AIF/xAIF .json, Argdown .argdown, Kialo .txt
  new FILE [--id ID] [--title T]                        a new map from a document (.txt, .md, .html, .pdf): sentences, notes, no claims yet
  export --map ID --format aif|xaif|argdown|kialo|graphml|json
                                                        the map in another format, to stdout (losses on stderr)
  coverage --map ID [--csv]                             the editors' citation report (JSON, or CSV of the findings)
  user add NAME --role reader|analyst|admin             a new user; prints the token once (only its hash is stored)
  solve --semantics grounded|complete|preferred|stable FILE
                                                        extensions of an ICCMA .i23 or ASPARTIX .apx framework (no database)
`;

class UsageError extends Error {}

/** What zod says is wrong with an argument (its first issue). */
const problem = (error: { issues: readonly { message: string }[] }): string => error.issues[0]?.message ?? "is not valid";

/** A seed file (with the document beside it), or any other format the importer reads, told apart by its name. */
/** Any map file the importer reads; which format it is, the importer tells (by the file's name, then its content). */
function readMapFile(file: string) {
  return importMap({ body: readTextFile(file), where: displayPath(file), contentType: null, fileName: file, readSource: sourceBeside(file) });
}

/** The loss report goes to stderr, never silently dropped. */
function reportLosses(warnings: string[], what: string): void {
  if (!warnings.length) return;
  process.stderr.write(`${what}: ${warnings.length} thing(s) not carried over:\n${warnings.map((w) => `  - ${w}`).join("\n")}\n`);
}

async function cmdLoad(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { force: { type: "boolean", default: false } } });
  const [given] = positionals;
  if (positionals.length !== 1 || given === undefined) throw new UsageError("load takes exactly one FILE");
  const file = path.resolve(given);
  // Validate before touching the database: a bad file never starts Neo4j, let alone writes.
  const { data, warnings } = readMapFile(file);
  reportLosses(warnings, file);
  const conn = await connect(loadConfig());
  try {
    const isTTY = process.stderr.isTTY;
    const result = await loadMap(conn.db, data, {
      force: values.force,
      onProgress: (done, total) => {
        if (total > 20_000) process.stderr.write(`${isTTY ? "\r" : ""}writing ${done}/${total}${isTTY ? "" : "\n"}`);
      },
    });
    const counts = await mapCounts(conn.db, data.map.id);
    process.stdout.write(JSON.stringify({ ...result, counts }) + "\n");
  } finally {
    await conn.close();
  }
}

async function cmdSolve(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { semantics: { type: "string" } } });
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined) throw new UsageError("solve takes exactly one FILE");
  const semantics = SemanticsName.safeParse(values.semantics);
  if (!semantics.success) throw new UsageError(`--semantics ${problem(semantics.error)}`);
  const text = readTextFile(file, "cannot solve");
  const framework = parseFrameworkFile(text, file);
  // The same budgeted worker as the server, with the command line's larger limits.
  const evaluator = new Evaluator(CLI_BUDGET, 1);
  try {
    const { extensions } = await evaluator.solve(framework, semantics.data);
    process.stdout.write(JSON.stringify({ extensions }) + "\n");
  } finally {
    await evaluator.close();
  }
}

async function cmdCoverage(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { map: { type: "string" }, csv: { type: "boolean", default: false } } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const mapId = MapId.safeParse(values.map);
  if (!mapId.success) throw new UsageError(values.map === undefined ? "--map ID is required" : `--map ${problem(mapId.error)}`);
  const conn = await connect(loadConfig(), () => {});
  try {
    const contents = await mapContents(conn.db, mapId.data);
    if (!contents) throw new NotFoundError(`no map "${mapId.data}"; load it first with: argmap load FILE`);
    const doc = await readDocument(conn.db, mapId.data, INLINE_READER.analyse);
    const report = doc?.fromIntake ? documentCoverage(contents, doc) : coverageReport(contents);
    process.stdout.write(values.csv ? findingsCsv(report) : JSON.stringify(report, null, 2) + "\n");
  } finally {
    await conn.close();
  }
}

async function cmdExport(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { map: { type: "string" }, format: { type: "string" } } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const mapId = MapId.safeParse(values.map);
  if (!mapId.success) throw new UsageError(values.map === undefined ? "--map ID is required" : `--map ${problem(mapId.error)}`);
  const format = ExportQuery.shape.format.safeParse(values.format);
  if (!format.success || values.format === undefined) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
  const conn = await connect(loadConfig(), () => {});
  try {
    const [contents, text] = await Promise.all([mapContents(conn.db, mapId.data), mapText(conn.db, mapId.data)]);
    if (!contents || !text) throw new NotFoundError(`no map "${mapId.data}"; load it first with: argmap load FILE`);
    const rendered = renderExport(contents, text.text, format.data);
    reportLosses(rendered.warnings, `the ${format.data} export`);
    process.stdout.write(rendered.body);
  } finally {
    await conn.close();
  }
}

const DOCUMENT_TYPES: Record<string, string> = {
  ".txt": "text/plain",
  ".text": "text/plain",
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".html": "text/html",
  ".htm": "text/html",
  ".xhtml": "application/xhtml+xml",
  ".pdf": "application/pdf",
};

async function cmdNew(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { id: { type: "string" }, title: { type: "string" } } });
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined) throw new UsageError("new takes exactly one FILE");
  const query = DocumentQuery.safeParse({ id: values.id, title: values.title });
  if (!query.success) {
    const issue = query.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0])} ${problem(query.error)}`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new ValidationError([{ where: file, field: "", message: `cannot read: ${(err as Error).message}` }], "cannot take the document in");
  }
  // An unknown extension is read as text unless its bytes say PDF.
  const type = DOCUMENT_TYPES[path.extname(file).toLowerCase()] ?? "text/plain";
  // Intake first: a document that cannot become a map never starts the database.
  const doc = await prepareDocumentMap(bytes, type, query.data, INLINE_READER);
  const conn = await connect(loadConfig(), () => {});
  try {
    const made = await writeDocumentMap(conn.db, doc);
    const flagged = made.citations.filter((c) => c.unparsed).map((c) => c.n);
    process.stderr.write(
      `${file}: map "${made.id}" (${made.format}): ${made.sentences.length} sentences, ${made.markers.length} footnote markers, ${made.citations.length} notes` +
        (flagged.length ? `; notes ${flagged.join(", ")} could not be parsed and are kept raw` : "") +
        "\n",
    );
    process.stdout.write(JSON.stringify({ id: made.id, revision: made.revision, format: made.format, meta: made.meta, sentences: made.sentences.length, markers: made.markers.length, citations: made.citations.length }) + "\n");
  } finally {
    await conn.close();
  }
}

async function cmdUser(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { role: { type: "string" } } });
  if (positionals[0] !== "add" || positionals.length !== 2) throw new UsageError("usage: user add NAME --role reader|analyst|admin");
  const name = UserName.safeParse(positionals[1]);
  if (!name.success) throw new UsageError(`NAME ${problem(name.error)}`);
  const role = Role.safeParse(values.role);
  if (!role.success) throw new UsageError(values.role === undefined ? "--role is required (reader, analyst or admin)" : `--role ${problem(role.error)}`);
  const config = loadConfig();
  const conn = await connect(config, () => {});
  try {
    const people = new People(conn.db, serverSecret(config.dataDir, config.secret), null);
    const user = await people.create(name.data, role.data);
    process.stdout.write(JSON.stringify(user) + "\n");
    process.stderr.write(`user "${user.name}" (${user.role}) added; the token above is shown this once: keep it\n`);
  } finally {
    await conn.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = { new: cmdNew, load: cmdLoad, solve: cmdSolve, coverage: cmdCoverage, export: cmdExport, user: cmdUser };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write((name ? `unknown command "${name}"\n` : "") + USAGE);
    return 2;
  }
  try {
    await command(rest);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`argmap ${name}: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ValidationError) {
      process.stderr.write(err.message + (name === "load" ? "\nnothing was written." : "") + "\n");
      return 1;
    }
    if (err instanceof ArgmapError) {
      process.stderr.write(`argmap ${name}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));

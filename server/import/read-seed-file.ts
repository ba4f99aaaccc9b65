import fs from "node:fs";
import path from "node:path";
import type { MapData } from "../../contract/model.js";
import { ValidationError } from "../errors.js";
import { parseSeed } from "./seed.js";

/** A file's text, or a located error saying it cannot be read and what was being done. */
export function readTextFile(file: string, doing = "cannot load the map"): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ValidationError([{ where: file, field: "", message: `cannot read: ${(err as Error).message}` }], doing);
  }
}

/** A file's name as messages show it: relative to the working directory. */
export const displayPath = (file: string): string => path.relative(process.cwd(), file) || file;

/** Reads the document a map file names, relative to the file. */
export const sourceBeside = (file: string) => (rel: string) => fs.readFileSync(path.resolve(path.dirname(file), rel), "utf8");

/** Reads a seed file and the document it names (relative to the seed). */
export function readSeedFile(file: string): MapData {
  return parseSeed({ text: readTextFile(file), file: displayPath(file), readSource: sourceBeside(file) });
}

import fs from "node:fs";
import path from "node:path";
import type { MapData } from "../../contract/model.js";
import { ValidationError } from "../errors.js";
import { parseSeed } from "./seed.js";

/** Reads a seed file and the document it names (relative to the seed). */
export function readSeedFile(file: string): MapData {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ValidationError([{ where: file, field: "", message: `cannot read: ${(err as Error).message}` }], "cannot load the map");
  }
  const display = path.relative(process.cwd(), file) || file;
  return parseSeed({
    text,
    file: display,
    readSource: (rel) => fs.readFileSync(path.resolve(path.dirname(file), rel), "utf8"),
  });
}

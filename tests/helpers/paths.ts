import path from "node:path";
import { projectRoot } from "../../server/config.js";

export const root = projectRoot;
export const articleSeed = path.join(projectRoot, "seed/davidson-2019-inf.argmap.yaml");
export const articleText = path.join(projectRoot, "seed/davidson-2019-inf-compliance.txt");
export const fixture = (name: string) => path.join(projectRoot, "tests/fixtures", name);

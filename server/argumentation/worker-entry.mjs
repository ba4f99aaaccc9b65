// Worker threads start without the TypeScript loader the server runs under (tsx, vitest):
// register tsx here, then load the worker proper.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");

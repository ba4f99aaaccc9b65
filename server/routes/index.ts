export { claimRoutes } from "./claims.js";
export { healthRoute } from "./health.js";
export { mapRoutes } from "./maps.js";
export { evaluationRoutes } from "./evaluation.js";
export { coverageRoutes } from "./coverage.js";
export { transferRoutes } from "./transfer.js";
export { documentRoutes } from "./documents.js";

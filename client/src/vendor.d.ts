// The pieces of graphology-layout-forceatlas2 our worker uses directly (the package types only its entry points).
declare module "graphology-layout-forceatlas2/iterate.js" {
  const iterate: (settings: Record<string, unknown>, nodes: Float32Array, edges: Float32Array) => void;
  export default iterate;
}
declare module "graphology-layout-forceatlas2/defaults.js" {
  const defaults: Record<string, unknown>;
  export default defaults;
}
declare module "*.css";

/**
 * A canvas layer over sigma's edges, sized to the stage and cleared before every render, on which
 * an overlay draws from display data (undercut arrows, suggested relations): nothing enters the graph.
 */
import type Sigma from "sigma";

export function drawOverlay(renderer: Sigma, layer: string, draw: (ctx: CanvasRenderingContext2D) => void): void {
  const canvas = renderer.createCanvas(layer, { afterLayer: "edges", style: { pointerEvents: "none" } });
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  renderer.on("afterRender", () => {
    const { width, height } = renderer.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    draw(ctx);
  });
}

/**
 * A canvas layer over sigma's, sized to the stage and cleared before every render, on which an
 * overlay draws from display data (undercut arrows, suggested relations, the selection and the
 * hover): nothing enters the graph. `redraw()` repaints the layer alone, without a sigma render.
 */
import type Sigma from "sigma";

export function drawOverlay(
  renderer: Sigma,
  layer: string,
  draw: (ctx: CanvasRenderingContext2D) => void,
  options: { afterLayer?: string; active?: () => boolean } = {},
): { redraw(): void } {
  const canvas = renderer.createCanvas(layer, { afterLayer: options.afterLayer ?? "edges", style: { pointerEvents: "none" } });
  const ctx = canvas.getContext("2d");
  const active = options.active ?? (() => true);
  // A canvas touched in a frame is handed to the compositor again: one left blank stays untouched.
  let blank = true;
  const redraw = () => {
    if (!ctx || (blank && !active())) return;
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
    blank = !active();
    if (!blank) draw(ctx);
  };
  renderer.on("afterRender", redraw);
  return { redraw };
}

interface Point {
  x: number;
  y: number;
}

/** A straight stroke from `from` to `to`, dashed when `dash` is given, leaving the dash setting as it was found. */
export function strokeLine(ctx: CanvasRenderingContext2D, from: Point, to: Point, dash: number[] = []): void {
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A filled arrowhead `length` long whose point is `tip`, for a line arriving at `angle`. */
export function fillArrowHead(ctx: CanvasRenderingContext2D, tip: Point, angle: number, length: number): void {
  ctx.beginPath();
  ctx.moveTo(tip.x, tip.y);
  ctx.lineTo(tip.x - length * Math.cos(angle - 0.4), tip.y - length * Math.sin(angle - 0.4));
  ctx.lineTo(tip.x - length * Math.cos(angle + 0.4), tip.y - length * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}

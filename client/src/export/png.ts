/** PNG export: the view as drawn, with the map's title above and the legend below. */
import { drawOnCanvas } from "@sigma/export-image";
import type Sigma from "sigma";
import { legendEntries, type LegendOptions } from "../panels/legend.js";

export async function viewAsPng(renderer: Sigma, title: string, subtitle: string, legend: LegendOptions): Promise<Blob> {
  const map = await drawOnCanvas(renderer, { backgroundColor: "#ffffff" });
  const entries = legendEntries(legend);
  const scale = map.width / Math.max(1, renderer.getContainer().clientWidth);
  const pad = 16 * scale;
  const titleHeight = 56 * scale;
  const columns = Math.max(1, Math.floor(map.width / (230 * scale)));
  const rowHeight = 22 * scale;
  const legendHeight = Math.ceil(entries.length / columns) * rowHeight + pad * 2;
  const canvas = document.createElement("canvas");
  canvas.width = map.width;
  canvas.height = map.height + titleHeight + legendHeight;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#111";
  ctx.font = `bold ${18 * scale}px system-ui, sans-serif`;
  ctx.fillText(title, pad, pad + 16 * scale, canvas.width - 2 * pad);
  ctx.font = `${13 * scale}px system-ui, sans-serif`;
  ctx.fillStyle = "#444";
  ctx.fillText(subtitle, pad, pad + 36 * scale, canvas.width - 2 * pad);
  ctx.drawImage(map, 0, titleHeight);
  ctx.strokeStyle = "#d9d9de";
  ctx.strokeRect(0.5, titleHeight + 0.5, map.width - 1, map.height - 1);
  const top = titleHeight + map.height + pad;
  entries.forEach((e, i) => {
    const x = pad + (i % columns) * (230 * scale);
    const y = top + Math.floor(i / columns) * rowHeight;
    const r = 6 * scale;
    ctx.fillStyle = e.color;
    ctx.strokeStyle = "#303030";
    ctx.lineWidth = 2 * scale;
    ctx.beginPath();
    if (e.kind === "edge") {
      ctx.strokeStyle = e.color;
      ctx.setLineDash(e.dashed ? [4 * scale, 3 * scale] : []);
      ctx.moveTo(x, y + r);
      ctx.lineTo(x + 22 * scale, y + r);
      ctx.stroke();
      ctx.setLineDash([]);
    } else if (e.shape === "square") {
      ctx.fillRect(x, y, 2 * r, 2 * r);
    } else {
      ctx.arc(x + r, y + r, r, 0, Math.PI * 2);
      if (e.kind === "double") {
        ctx.fillStyle = "#fff";
        ctx.fill();
        ctx.strokeStyle = "#000";
        ctx.stroke();
      } else {
        ctx.fill();
        if (e.shape === "ring") ctx.stroke();
      }
    }
    ctx.fillStyle = "#111";
    ctx.font = `${12 * scale}px system-ui, sans-serif`;
    ctx.fillText((e.glyph ? `${e.glyph} ` : "") + e.text, x + 28 * scale, y + r + 4 * scale);
  });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be encoded"))), "image/png"));
}

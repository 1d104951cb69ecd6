/** Small vector charts drawn with pdfkit primitives (no images, so text stays crisp and small). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const AXIS = '#888888';
export const SERIES_COLORS = ['#228be6', '#40c057', '#fab005'];

export function lineChart(doc: PDFKit.PDFDocument, box: Box, points: { label: string; value: number }[]): void {
  drawAxes(doc, box);
  if (points.length === 0) return;
  const max = Math.max(...points.map((p) => p.value), 1);
  const step = points.length > 1 ? box.width / (points.length - 1) : 0;
  const at = (i: number, value: number) => ({ x: box.x + i * step, y: box.y + box.height - (value / max) * box.height });
  points.forEach((point, i) => {
    const { x, y } = at(i, point.value);
    if (i === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  });
  doc.lineWidth(1.5).strokeColor(SERIES_COLORS[0] ?? '#000').stroke();
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  doc.fontSize(7).fillColor('#444444');
  points.forEach((point, i) => {
    if (i % labelEvery !== 0 && i !== points.length - 1) return;
    const { x } = at(i, point.value);
    doc.text(point.label, x - 15, box.y + box.height + 4, { width: 30, align: 'center', lineBreak: false });
  });
  doc.text(String(max), box.x - 40, box.y - 3, { width: 36, align: 'right', lineBreak: false });
}

/** Grouped bars: one group per item, one bar per series, values in percent (0–100). */
export function barChart(doc: PDFKit.PDFDocument, box: Box, items: { label: string; values: number[] }[], seriesNames: string[]): void {
  drawAxes(doc, box);
  if (items.length === 0) return;
  const groupWidth = box.width / items.length;
  const barWidth = Math.max(2, (groupWidth * 0.7) / Math.max(seriesNames.length, 1));
  items.forEach((item, i) => {
    item.values.forEach((value, s) => {
      const height = (Math.min(Math.max(value, 0), 100) / 100) * box.height;
      const x = box.x + i * groupWidth + groupWidth * 0.15 + s * barWidth;
      doc.rect(x, box.y + box.height - height, barWidth, height).fill(SERIES_COLORS[s % SERIES_COLORS.length] ?? '#000');
    });
  });
  doc.fontSize(7).fillColor('#444444').text('100%', box.x - 40, box.y - 3, { width: 36, align: 'right', lineBreak: false });
  seriesNames.forEach((name, s) => {
    const x = box.x + s * 90;
    doc.rect(x, box.y + box.height + 8, 8, 8).fill(SERIES_COLORS[s % SERIES_COLORS.length] ?? '#000');
    doc.fillColor('#444444').text(name, x + 12, box.y + box.height + 8, { lineBreak: false });
  });
}

function drawAxes(doc: PDFKit.PDFDocument, box: Box): void {
  doc
    .moveTo(box.x, box.y)
    .lineTo(box.x, box.y + box.height)
    .lineTo(box.x + box.width, box.y + box.height)
    .lineWidth(0.5)
    .strokeColor(AXIS)
    .stroke();
}

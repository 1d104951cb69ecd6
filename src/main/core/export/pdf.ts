import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { STATUS_LABELS } from './columns';
import { formatDate } from './csv';
import { barChart, lineChart } from './pdf-charts';
import type { RowSink } from './sink';
import type { ReportSummary } from './summary';

const MARGIN = 50;

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.8).fontSize(14).fillColor('#111111').font('Helvetica-Bold').text(text, MARGIN).font('Helvetica').moveDown(0.3);
}

/** Two-column key/value rows or a simple table, in the body font. */
function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[]): void {
  const line = (cells: string[], bold: boolean) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor('#222222');
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: (widths[i] ?? 80) - 6, lineBreak: false, ellipsis: true });
      x += widths[i] ?? 80;
    });
    doc.x = MARGIN;
    doc.y = y + 14;
  };
  line(header, true);
  rows.forEach((row) => line(row, false));
  doc.font('Helvetica');
}

/**
 * The subscriber summary report: list figures, growth, engagement by campaign and the most
 * engaged subscribers, with charts drawn as vectors. Two pages, whatever the list size.
 */
export async function writeSummaryPdf(summary: ReportSummary, sink: RowSink): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: summary.title, Creator: 'Markket Marketing Console' } });
  doc.pipe(sink.stream);
  const width = doc.page.width - MARGIN * 2;

  doc.font('Helvetica-Bold').fontSize(20).fillColor('#111111').text(summary.title);
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text(`${summary.listName} · generated ${formatDate(summary.generatedAt)} UTC`);

  heading(doc, 'List figures');
  const { figures } = summary;
  table(
    doc,
    ['Status', 'Subscribers', 'Share'],
    [
      ['Total', String(figures.total), '100%'],
      ...(['active', 'opted_out', 'blacklisted', 'bounced'] as const).map((status) => [STATUS_LABELS[status], String(figures[status]), percent(figures[status], figures.total)]),
    ],
    [160, 100, 80],
  );

  heading(doc, 'Growth (subscribers over time)');
  const chartTop = doc.y + 10;
  lineChart(doc, { x: MARGIN + 40, y: chartTop, width: width - 60, height: 160 }, summary.growth.map((g) => ({ label: g.month, value: g.cumulative })));
  doc.x = MARGIN;
  doc.y = chartTop + 190;
  const lastMonths = summary.growth.slice(-6);
  table(doc, ['Month', 'New', 'Total'], lastMonths.map((g) => [g.month, String(g.added), String(g.cumulative)]), [120, 80, 80]);

  doc.addPage();
  heading(doc, 'Engagement by campaign');
  const campaigns = summary.campaigns.slice(0, 12);
  const barsTop = doc.y + 10;
  barChart(doc, { x: MARGIN + 40, y: barsTop, width: width - 60, height: 150 }, campaigns.map((c) => ({ label: c.subject, values: [c.openRate, c.clickRate] })), ['Open rate', 'Click rate']);
  doc.x = MARGIN;
  doc.y = barsTop + 180;
  table(
    doc,
    ['Campaign', 'Sent', 'Delivered', 'Opened', 'Clicked'],
    campaigns.map((c) => [c.subject, c.sentDate ? formatDate(c.sentDate).slice(0, 10) : '—', String(c.delivered), `${c.openRate.toFixed(1)}%`, `${c.clickRate.toFixed(1)}%`]),
    [210, 70, 70, 70, 70],
  );

  heading(doc, 'Most engaged subscribers');
  table(doc, ['Email', 'Name', 'Opened', 'Clicked'], summary.topEngaged.map((s) => [s.email, s.name, String(s.opened), String(s.clicked)]), [200, 150, 70, 70]);

  doc.end();
  // pdfkit ends the piped stream itself, asynchronously: wait for it before the file is closed.
  await finished(sink.stream, { readable: false });
}

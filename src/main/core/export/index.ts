export * from './columns';
export { csvCell, neutralizeFormula, writeCsv } from './csv';
export { writeXlsx } from './xlsx';
export { writeSummaryPdf } from './pdf';
export { createSubscriberSummarizer, type CampaignEngagement, type ReportSummary } from './summary';
export { exportSummaryPdf, exportTable, type ExportCommon, type SummaryExport, type TableExport } from './run';
export { campaignEngagement, campaignRecipientSource, odooDate, subscriberSource, type RowSource, type SubscriberSourceOptions } from './odoo-source';
export { MIN_ZIP_PASSWORD_LENGTH } from './zip';
export { exportBaseName, filterWords, reportTitle, type ExportFilters } from './naming';

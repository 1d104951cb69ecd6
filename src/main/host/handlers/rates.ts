/**
 * The API's one conversion of rates. The core computes rates as Odoo shows them, percentages with
 * one decimal (41.7); the product spec's Dashboard API answers fractions ("open_rate": 0.417). Every
 * operation that answers a rate converts here, at the contract edge, so IPC and HTTP answer the same
 * and the core stays as it is.
 */

/** 41.7 → 0.417: one decimal of a percent is three of a fraction, rounded so no float noise shows. */
export function toRate(percent: number): number {
  return Math.round(percent * 10) / 1000;
}

interface RatedRow {
  open_rate: number;
  click_rate: number;
}

export function rowRates<T extends RatedRow>(row: T): T {
  return { ...row, open_rate: toRate(row.open_rate), click_rate: toRate(row.click_rate) };
}

export function detailRates<T extends { stats: RatedRow }>(detail: T): T {
  return { ...detail, stats: rowRates(detail.stats) };
}

export function listRates<T extends { campaigns: RatedRow[] }>(result: T): T {
  return { ...result, campaigns: result.campaigns.map(rowRates) };
}

interface PeriodRate {
  current: number;
  previous: number;
}
interface RatedOverview {
  average_open_rate: number;
  average_click_rate: number;
  recent_campaigns: RatedRow[];
  trends: { average_open_rate: PeriodRate; average_click_rate: PeriodRate };
}

const periodRate = (p: PeriodRate): PeriodRate => ({ current: toRate(p.current), previous: toRate(p.previous) });

export function overviewRates<T extends RatedOverview>(overview: T): T {
  return {
    ...overview,
    average_open_rate: toRate(overview.average_open_rate),
    average_click_rate: toRate(overview.average_click_rate),
    recent_campaigns: overview.recent_campaigns.map(rowRates),
    trends: { ...overview.trends, average_open_rate: periodRate(overview.trends.average_open_rate), average_click_rate: periodRate(overview.trends.average_click_rate) },
  };
}

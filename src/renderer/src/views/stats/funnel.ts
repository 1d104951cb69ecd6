import type { z } from 'zod';
import type { CampaignStats } from '../../../../shared/schemas/marketing';

export interface FunnelStep {
  label: string;
  value: number;
  /** Share of the emails sent, 0–100. */
  ofSent: number;
  /** Share of the previous step, 0–100 (null for the first step). */
  ofPrevious: number | null;
}

const share = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);

/** Sent → delivered → opened → clicked, counted in unique people so each step fits in the one before. */
export function deliveryFunnel(stats: z.infer<typeof CampaignStats>): FunnelStep[] {
  const steps = [
    { label: 'Sent', value: stats.sent },
    { label: 'Delivered', value: stats.delivered },
    { label: 'Opened', value: stats.unique_opened },
    { label: 'Clicked', value: stats.unique_clicked },
  ];
  return steps.map((step, i) => ({
    ...step,
    ofSent: share(step.value, stats.sent),
    ofPrevious: i === 0 ? null : share(step.value, steps[i - 1]?.value ?? 0),
  }));
}

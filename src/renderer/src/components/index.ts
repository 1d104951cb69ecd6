export * from './format';
export { ErrorState, type ErrorStateProps } from './ErrorState';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { LoadingState, TableSkeleton, StatCardsSkeleton } from './LoadingState';
export { StatCard, trendColor, trendDirection, type StatCardProps, type Trend } from './StatCard';
export { PageHeader, type PageHeaderProps } from './PageHeader';
export { CampaignStatusBadge, campaignStatusLabel } from './CampaignStatusBadge';
export { deliverFile, type FileDelivery } from './download';

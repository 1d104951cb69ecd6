// @vitest-environment happy-dom
import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { StatCard, trendColor } from '../../src/renderer/src/components/StatCard';
import { renderWithProviders } from './render';

afterEach(cleanup);

describe('StatCard', () => {
  it('shows the figure under its label', () => {
    renderWithProviders(<StatCard label="Subscribers" value="1,250" />);
    const card = screen.getByRole('region', { name: 'Subscribers' });
    expect(card.textContent).toContain('1,250');
  });

  it('marks a rising open rate as good news with an upward trend badge', () => {
    renderWithProviders(<StatCard label="Open rate" value="24.0%" trend={{ delta: 2.4, label: '+2.4 pts', comparedTo: 'vs before' }} />);
    const badge = screen.getByText('+2.4 pts').closest('[data-trend]');
    expect(badge?.getAttribute('data-trend')).toBe('up');
  });

  it('shows no trend badge when there is nothing to compare with', () => {
    renderWithProviders(<StatCard label="Campaigns sent" value="45" trend={null} />);
    expect(document.querySelector('[data-trend]')).toBeNull();
  });
});

describe('trendColor', () => {
  it('is green when a figure where higher is better goes up', () => {
    expect(trendColor({ delta: 1, label: '', comparedTo: '' })).toBe('teal');
  });

  it('is red when bounces go up, because lower is better there', () => {
    expect(trendColor({ delta: 1, label: '', comparedTo: '', lowerIsBetter: true })).toBe('red');
  });

  it('is grey when the figure did not move', () => {
    expect(trendColor({ delta: 0, label: '', comparedTo: '' })).toBe('gray');
  });
});

import { createTheme, localStorageColorSchemeManager, type MantineColorsTuple } from '@mantine/core';

/**
 * Markket's own violet-indigo: distinct from Odoo's purple and SendGrid's blue, with enough
 * contrast at shade 6 (light) and 4 (dark) for white and dark text respectively.
 */
const markket: MantineColorsTuple = [
  '#f0efff',
  '#dddbfb',
  '#b8b3f2',
  '#9189ea',
  '#7065e3',
  '#5b4fdf',
  '#5044de',
  '#4137c5',
  '#3830b1',
  '#2e289c',
];

/** Fonts every desktop already has: San Francisco, Segoe UI, Cantarell/Ubuntu/Noto/DejaVu on Linux. */
const systemFonts =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'markket',
  primaryShade: { light: 6, dark: 4 },
  colors: { markket },
  fontFamily: systemFonts,
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontFamily: systemFonts, fontWeight: '650' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' }, styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true }, styles: { th: { whiteSpace: 'nowrap' } } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'markket-color-scheme' });

import { createTheme, localStorageColorSchemeManager, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

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
    // The "×" of every dialog and drawer gets a name (issue 16: screen readers announced "button").
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'markket-color-scheme' });

/** Mantine's palettes whose light badges, alerts and buttons carry coloured text. */
const PALETTES = ['dark', 'gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'green', 'lime', 'yellow', 'orange', 'teal', 'markket'] as const;

const WARM: ReadonlySet<string> = new Set(['yellow', 'orange', 'lime']);

/**
 * WCAG 2.1 AA asks 4.5:1 for body text. Mantine's light-mode secondary text (gray 6, 3.3:1 on
 * white) and the coloured text of its light variants (shade 6 on a 10% tint, down to 2:1 for
 * yellow) fall short, so in light mode the secondary text is gray 7 and light variants write in
 * their darkest shade, darkened a quarter more; in dark mode the secondary text is dark 1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    // Placeholders (and the file picker's, which is text, not a placeholder) read like secondary text.
    '--mantine-color-placeholder': t.colors.gray[7] ?? '#495057',
    ...Object.fromEntries(PALETTES.flatMap((name) => {
      // Yellow, orange and lime tints are the lightest, so their text is darkened further (about 6:1
      // on the tint, also when a table row's hover or stripe greys the tint underneath).
      const dark = `color-mix(in srgb, var(--mantine-color-${name}-9) ${WARM.has(name) ? 60 : 75}%, black)`;
      // Outline badges write in their border colour (shade 6 in light mode, 3.3:1 for gray).
      return [[`--mantine-color-${name}-light-color`, dark], [`--mantine-color-${name}-outline`, dark]];
    })),
  },
  // Dark mode's secondary text (dark 2) reads at about 4:1 on the dark card; dark 1 clears 4.5:1.
  // Links in dark mode are shade 4 of the primary colour (3.5:1 on a card); shade 2 reads at 7:1.
  dark: { '--mantine-color-dimmed': t.colors.dark[1] ?? '#b8b8b8', '--mantine-color-placeholder': t.colors.dark[1] ?? '#b8b8b8', '--mantine-color-anchor': markket[2] },
});

import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './a11y.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { ImagePolicy } from './components/ImagePolicy';
import { StoreProvider } from './store-context';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme';
import { createQueryClient } from './query-client';

const queryClient = createQueryClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <ImagePolicy />
        <StoreProvider>
          <App />
        </StoreProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);

/** Fixed for the test run only: the server is started with MARKKET_API_TOKEN set to it. */
export const E2E_TOKEN = 'e2e-markket-token-7f3a9c2d41b84e6a';
/** MARKKET_E2E_PORT lets two checkouts run their end-to-end tests on one machine at once. */
export const E2E_PORT = Number(process.env.MARKKET_E2E_PORT ?? 4517);
export const DEMO_STORE = 'demo-store-a';

import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useLocalStorage } from '@mantine/hooks';
import { useOp } from './api/hooks';

interface StoreContextValue {
  /** The store every view works on; null while the store list loads or when the profile serves none. */
  storeId: string | null;
  setStoreId: (id: string) => void;
}

const StoreContext = createContext<StoreContextValue | null>(null);

/**
 * The selected store, remembered across runs. When the remembered store is not served by the
 * active profile (profile switched, store removed), the first store the profile serves is taken.
 */
export function StoreProvider({ children }: { children: ReactNode }) {
  const [remembered, setRemembered] = useLocalStorage<string | null>({ key: 'markket-store', defaultValue: null });
  const stores = useOp('stores.list', {});
  const served = stores.data?.stores ?? [];
  const valid = served.some((s) => s.id === remembered);
  const storeId = valid ? remembered : (served[0]?.id ?? null);

  useEffect(() => {
    if (stores.data && !valid && storeId) setRemembered(storeId);
  }, [stores.data, valid, storeId, setRemembered]);

  return <StoreContext.Provider value={{ storeId, setStoreId: setRemembered }}>{children}</StoreContext.Provider>;
}

export function useStore(): StoreContextValue {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useStore must be used inside <StoreProvider>');
  return value;
}

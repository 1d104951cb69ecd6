import { Pagination } from '@mantine/core';

export interface PagerProps {
  total: number;
  value: number;
  onChange: (page: number) => void;
  /** What is paged, for the buttons' names: "Recipients" gives "Recipients page 3", "Next recipients page". */
  of: string;
}

const controlNames = { first: 'First', previous: 'Previous', next: 'Next', last: 'Last' } as const;

/**
 * Mantine's Pagination names neither its arrows nor its numbers; a screen reader hears "button"
 * (issue 16). Every button here says which page of what it opens, inside a named navigation.
 */
export function Pager({ total, value, onChange, of }: PagerProps) {
  const what = of.toLowerCase();
  return (
    <nav aria-label={`${of} pages`}>
      <Pagination
        total={Math.max(1, total)}
        value={value}
        onChange={onChange}
        size="sm"
        getItemProps={(n) => ({ 'aria-label': `${of} page ${n}`, 'aria-current': n === value ? 'page' : undefined })}
        getControlProps={(control) => ({ 'aria-label': `${controlNames[control]} ${what} page` })}
      />
    </nav>
  );
}

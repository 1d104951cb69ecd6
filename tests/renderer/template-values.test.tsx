// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { TemplateValueFields } from '../../src/renderer/src/views/editor/TemplateValueFields';
import { emptyValues, toDraftInput, toUpdateInput, validateForSend } from '../../src/renderer/src/views/editor/values';
import { renderWithProviders } from './render';

afterEach(cleanup);

const names = ['ends_on', 'discount_code'];
const form = { ...emptyValues(3), subject: 'Spring sale', templateId: 'd-sale' };

function Fields() {
  const [values, setValues] = useState<Record<string, string>>({});
  const errors = validateForSend({ ...form, templateValues: values }, new Date('2026-01-01T00:00:00Z'), names).values;
  return <TemplateValueFields names={names} values={values} onChange={setValues} errors={errors} />;
}

describe('a SendGrid template’s campaign-wide values in the editor', () => {
  it('shows a required field per value the template asks for, each naming what is still empty', () => {
    renderWithProviders(<Fields />);
    expect(screen.getByRole('textbox', { name: /ends_on/ }).hasAttribute('required')).toBe(true);
    expect(screen.getByRole('textbox', { name: /discount_code/ }).hasAttribute('required')).toBe(true);
    expect(screen.getByText("Fill 'ends_on': every subscriber gets the same value")).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: /ends_on/ }), { target: { value: 'Sunday' } });
    expect(screen.queryByText("Fill 'ends_on': every subscriber gets the same value")).toBeNull();
    expect(screen.getByText("Fill 'discount_code': every subscriber gets the same value")).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /discount_code/ }), { target: { value: '{{code}}' } });
    expect(screen.getByText('May not contain {{ or }}')).toBeTruthy();
  });

  it('blocks review until every value is filled, and saves the values with the campaign', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(validateForSend(form, now, names).values).toEqual({ ends_on: expect.any(String), discount_code: expect.any(String) });
    const filled = { ...form, templateValues: { ends_on: 'Sunday', discount_code: 'SPRING10' } };
    expect(validateForSend(filled, now, names)).toEqual({});
    expect(toDraftInput('store-a', filled, '<p>{{discount_code}}</p>')).toMatchObject({ templateId: 'd-sale', templateValues: { ends_on: 'Sunday', discount_code: 'SPRING10' } });
    expect(toUpdateInput('store-a', 'camp_abcdef12', filled, form)).toMatchObject({ template_values: { ends_on: 'Sunday', discount_code: 'SPRING10' } });
    // Values the campaign already holds are not written again.
    expect(toUpdateInput('store-a', 'camp_abcdef12', filled, filled)).not.toHaveProperty('template_values');
  });
});

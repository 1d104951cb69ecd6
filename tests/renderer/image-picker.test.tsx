// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { LeafBlock } from '../../src/shared/email';
import { ImagePicker } from '../../src/renderer/src/views/editor/email/ImageFields';
import { renderWithProviders } from './render';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
type Image = Extract<LeafBlock, { type: 'image' }>;
const block: Image = { id: 'pic', type: 'image', src: 'https://', alt: 'Our shop', align: 'center' };

function pick(file: File): void {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

afterEach(cleanup);

describe('the image block’s picture', () => {
  it('keeps a file chosen from this computer in the document and says it goes to Odoo when saved there', async () => {
    let changed: LeafBlock | null = null;
    const { rerender } = renderWithProviders(<ImagePicker block={block} onChange={(b) => { changed = b; }} />);
    pick(new File([Buffer.from(PNG, 'base64')], 'shop.png', { type: 'image/png' }));
    await waitFor(() => expect(changed).toMatchObject({ type: 'image', src: `data:image/png;base64,${PNG}` }));
    rerender(<ImagePicker block={changed as unknown as Image} onChange={() => undefined} />);
    expect(screen.getByText(/Image from this computer \(1 KB\)\. It is uploaded to your Odoo when the email is saved there\./)).toBeTruthy();
    expect(screen.queryByLabelText('Image address')).toBeNull();
    expect(screen.getByRole('button', { name: 'Use an address instead' })).toBeTruthy();
  });

  it('refuses a file that is too large or not a picture, saying why, and leaves the block alone', async () => {
    let changes = 0;
    renderWithProviders(<ImagePicker block={block} onChange={() => { changes += 1; }} />);
    pick(new File([new Uint8Array(600 * 1024)], 'huge.png', { type: 'image/png' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This image is 600 KB; emails take images of at most 512 KB. Make it smaller and choose it again.');
    pick(new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Choose a PNG, JPEG, GIF or WebP image.'));
    expect(changes).toBe(0);
  });
});

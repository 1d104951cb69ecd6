// mjml-browser ships no types; this is the part of its API the renderer uses (mjml 5: async).
declare module 'mjml-browser' {
  interface MjmlError { line: number; message: string; tagName: string; formattedMessage: string }
  interface MjmlOptions { validationLevel?: 'strict' | 'soft' | 'skip'; minify?: boolean; keepComments?: boolean }
  export default function mjml2html(mjml: string, options?: MjmlOptions): Promise<{ html: string; errors: MjmlError[] }>;
}

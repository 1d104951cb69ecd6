/**
 * POST /v3/mail/send validation with SendGrid's own messages, fields and help links
 * (docs "Mail Send errors"; the same texts appear in SendGrid's libraries' tests).
 */
export interface SendgridFieldError {
  message: string;
  field: string | null;
  help: string | null;
}

export interface MailSendRequest {
  personalizations: { to: { email: string; name?: string }[]; subject?: string; headers?: Record<string, string>; custom_args?: Record<string, string>; dynamic_template_data?: Record<string, unknown> }[];
  from: { email: string; name?: string };
  subject?: string;
  content?: { type: string; value: string }[];
  template_id?: string;
  headers?: Record<string, string>;
  categories?: string[];
  custom_args?: Record<string, string>;
  asm?: { group_id: number };
  mail_settings?: { sandbox_mode?: { enable?: boolean } };
}

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const TEMPLATE_ID = /^(d-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const RESERVED_HEADERS = new Set([
  'x-sg-id', 'x-sg-eid', 'received', 'dkim-signature', 'content-type', 'content-transfer-encoding',
  'to', 'from', 'subject', 'reply-to', 'cc', 'bcc',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function validateMailSend(body: unknown): { ok: true; mail: MailSendRequest } | { ok: false; errors: SendgridFieldError[] } {
  if (!isObject(body)) return { ok: false, errors: [{ message: 'Bad Request', field: null, help: null }] };
  const errors: SendgridFieldError[] = [];
  const push = (message: string, field: string | null, anchor: string | null): void => {
    errors.push({ message, field, help: anchor === null ? null : `${HELP}${anchor}` });
  };
  const hasTemplate = isNonEmptyString(body['template_id']);

  const personalizations = body['personalizations'];
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    push('The personalizations field is required and must have at least one personalization.', 'personalizations', '#-Personalizations-Errors');
  } else {
    personalizations.forEach((p: unknown, i) => {
      const to = isObject(p) ? p['to'] : undefined;
      if (!Array.isArray(to) || to.length === 0) {
        push(
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
          `personalizations.${i}.to`,
          '#message.personalizations.to',
        );
        return;
      }
      to.forEach((address: unknown, j) => {
        const email = isObject(address) ? address['email'] : undefined;
        if (!isNonEmptyString(email) || !EMAIL.test(email)) push('Does not contain a valid address.', `personalizations.${i}.to.${j}.email`, '#-Email-Address');
      });
    });
  }

  const from = body['from'];
  const fromEmail = isObject(from) ? from['email'] : undefined;
  if (!isNonEmptyString(fromEmail)) {
    push(
      'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.  e.g. {"email" : "example@example.com"}  or {"email" : "example@example.com", "name" : "Example Recipient"}.',
      'from.email',
      '#message.from',
    );
  } else if (!EMAIL.test(fromEmail)) {
    push('The from email does not contain a valid address.', 'from.email', '#message.from');
  }

  const everyPersonalizationHasSubject =
    Array.isArray(personalizations) && personalizations.length > 0 && personalizations.every((p) => isObject(p) && isNonEmptyString(p['subject']));
  if (!hasTemplate && !isNonEmptyString(body['subject']) && !everyPersonalizationHasSubject) {
    push(
      'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      'subject',
      '#message.subject',
    );
  }

  const content = body['content'];
  if (!hasTemplate && (!Array.isArray(content) || content.length === 0)) {
    push(
      'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
      'content',
      '#message.content',
    );
  } else if (Array.isArray(content)) {
    content.forEach((block: unknown, i) => {
      if (!isObject(block) || !isNonEmptyString(block['value'])) {
        push('The content value must be a string at least one character in length.', `content.${i}.value`, '#message.content.value');
      }
      if (isObject(block) && block['type'] === 'text/plain' && i > 0) {
        push('If present, text/plain content must be first, followed by text/html, followed by any other content.', `content.${i}.type`, '#message.content.type');
      }
    });
  }

  if (body['template_id'] !== undefined && !(isNonEmptyString(body['template_id']) && TEMPLATE_ID.test(body['template_id']))) {
    push(`The template_id must be a valid GUID, you provided '${String(body['template_id'])}'.`, 'template_id', '#message.template_id');
  }

  const categories = body['categories'];
  if (categories !== undefined) {
    if (!Array.isArray(categories) || categories.length > 10) {
      push('Too many categories on this message. The maximum number of categories is 10.', 'categories', '#message.categories');
    } else {
      categories.forEach((c: unknown, i) => {
        if (!isNonEmptyString(c) || c.length > 255) push('A category must be a string of at most 255 characters.', `categories.${i}`, '#message.categories');
      });
    }
  }

  const customArgs = body['custom_args'];
  if (customArgs !== undefined) {
    if (!isObject(customArgs) || Object.values(customArgs).some((v) => typeof v !== 'string')) {
      push('Invalid type. Expected: object, given: array of strings. Each custom_args value must be a string.', 'custom_args', '#message.custom_args');
    } else if (Buffer.byteLength(JSON.stringify(customArgs)) > 10_000) {
      push('The custom_args exceed the maximum size of 10,000 bytes.', 'custom_args', '#message.custom_args');
    }
  }

  const headers = body['headers'];
  if (headers !== undefined) {
    if (!isObject(headers) || Object.values(headers).some((v) => typeof v !== 'string')) {
      push('Invalid type. Expected: string, given: object.', 'headers', '#message.headers');
    } else {
      for (const name of Object.keys(headers)) {
        if (RESERVED_HEADERS.has(name.toLowerCase())) push(`The header "${name}" is reserved and cannot be set.`, `headers.${name}`, '#message.headers');
      }
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, mail: body as unknown as MailSendRequest };
}
